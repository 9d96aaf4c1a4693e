import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDOVER_ABANDON_NOTE_MAX, handoverAbandonReasons, type HandoverAbandonReason } from '#shared/contract/handover.contract';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { SupervisorPinDialog } from '../../components/SupervisorPinDialog';
import { needsSupervisorPin } from '../session/session.store';
import { useHandoverStore } from './handover.store';

/**
 * 作废: a handover opened by mistake goes away without a sheet. Says how many scanned parcels go back
 * to waiting, and asks why; with parcels scanned in at a packer's bench, a supervisor's PIN follows.
 */
export function HandoverAbandon() {
  const { t } = useTranslation();
  const current = useHandoverStore((s) => s.current)!;
  const abandoning = useHandoverStore((s) => s.abandoning);
  const busy = useHandoverStore((s) => s.busy);
  const error = useHandoverStore((s) => s.error);
  const { abandon, setAbandoning } = useHandoverStore.getState();
  const [reason, setReason] = useState<HandoverAbandonReason | null>(null);
  const [note, setNote] = useState('');
  const [pin, setPin] = useState(false);
  const count = current.counts.accepted;
  const cancel = () => setAbandoning(false);
  const ready = reason !== null && (reason !== 'other' || note.trim() !== '') && !busy;
  if (reason && (pin || abandoning?.needsPin)) {
    return (
      <SupervisorPinDialog action={t('handover.abandon.pinAction', { count })} error={error} busy={busy}
        onSubmit={(p) => void abandon({ reason, note: note.trim() }, p)} onCancel={cancel} />
    );
  }
  const submit = () => {
    if (!ready) return;
    // Parcels scanned in and a packer logged in: the supervisor's PIN is asked at once, not after a refusal.
    if (count > 0 && needsSupervisorPin()) setPin(true);
    else void abandon({ reason, note: note.trim() });
  };
  return (
    <Dialog
      title={t('handover.abandon.title')}
      onClose={cancel}
      testId="handover-abandon-dialog"
      onSubmit={submit}
      actions={<ConfirmButtons onCancel={cancel} label={t('handover.abandon.confirm')} disabled={!ready} testId="handover-abandon-confirm" danger />}
    >
      <p className="handover-warn" data-testid="handover-abandon-count" data-count={count}>
        {count > 0 ? t('handover.abandon.scannedLead', { count }) : t('handover.abandon.emptyLead')}
      </p>
      <p className="small">{t('handover.abandon.lead')}</p>
      {count > 0 && needsSupervisorPin() && <p className="small muted">{t('handover.abandon.supervisorNeeded')}</p>}
      <div className="chip-row" role="radiogroup" aria-label={t('handover.abandon.reason')}>
        {handoverAbandonReasons.map((r) => (
          <button key={r} type="button" role="radio" aria-checked={reason === r} className={reason === r ? 'chip chip-on' : 'chip'} onClick={() => setReason(r)}
            data-testid={`handover-abandon-reason-${r}`}>
            {t(`handover.abandon.reasons.${r}`)}
          </button>
        ))}
      </div>
      <label className="handover-field">
        <span>{t('handover.abandon.note')}</span>
        <input className="input" value={note} maxLength={HANDOVER_ABANDON_NOTE_MAX} placeholder={t('handover.abandon.notePlaceholder')}
          onChange={(e) => setNote(e.target.value)} data-scan-target="field" data-testid="handover-abandon-note" />
      </label>
      <ErrorText error={error} testId="handover-abandon-error" />
    </Dialog>
  );
}
