import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { SupervisorPinDialog } from '../../components/SupervisorPinDialog';
import { hostText } from '../../lib/host-text';
import { useInboxStore } from './inbox.store';

/**
 * Closing a row takes a note of what was done; every bench sees it. At a bench whose user may not,
 * the same note goes again with a supervisor's PIN.
 */
export function ResolveDialog() {
  const { t } = useTranslation();
  const resolving = useInboxStore((s) => s.resolving);
  const { resolve, closeResolve } = useInboxStore.getState();
  const [note, setNote] = useState(resolving?.note ?? '');
  if (!resolving) return null;
  const { row, busy, error, needsPin } = resolving;
  if (needsPin) {
    return (
      <SupervisorPinDialog
        action={t('inbox.resolveAction', { kind: t(`inbox.kinds.${row.kind}`) })}
        error={error}
        busy={busy}
        onSubmit={(pin) => void resolve(note.trim(), pin)}
        onCancel={closeResolve}
      />
    );
  }
  const valid = note.trim().length > 0;
  return (
    <Dialog
      title={t(row.derived ? 'inbox.dismissTitle' : 'inbox.resolveTitle', { kind: t(`inbox.kinds.${row.kind}`) })}
      onClose={closeResolve}
      testId="inbox-resolve-dialog"
      onSubmit={() => {
        if (valid && !busy) void resolve(note.trim());
      }}
      actions={<ConfirmButtons onCancel={closeResolve} label={busy ? t('common.working') : t('inbox.resolveSubmit')} disabled={!valid || busy} testId="inbox-resolve-submit" />}
    >
      <p className="dialog-lead">{hostText(t, row.evidence)}</p>
      {row.derived && <p className="muted small">{t(row.kind === 'pool-low' || row.kind === 'stock-negative' ? 'inbox.dismissSnooze' : 'inbox.dismissHint')}</p>}
      <label htmlFor="inbox-note" className="inbox-note-label">
        {t('inbox.note')}
        <b className="required"> *</b>
      </label>
      <textarea
        id="inbox-note"
        className="input inbox-note"
        rows={3}
        maxLength={500}
        value={note}
        placeholder={t('inbox.notePlaceholder')}
        onChange={(e) => setNote(e.target.value)}
        data-testid="inbox-note"
      />
      <ErrorText error={error} testId="inbox-resolve-error" />
    </Dialog>
  );
}
