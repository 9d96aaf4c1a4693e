import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { SupervisorPinDialog } from '../../components/SupervisorPinDialog';
import { hostText } from '../../lib/host-text';
import { useInboxStore } from './inbox.store';

/** The host keeps this much of a note; the textarea stops there. */
const NOTE_MAX = 500;
/** From here on the note says how much of it is used: a note cut at the limit is never a surprise. */
const NOTE_COUNT_FROM = 400;

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
      actions={<ConfirmButtons onCancel={closeResolve} label={busy ? t('common.working') : t(row.kind === 'desk-locked' ? 'inbox.unlockSubmit' : 'inbox.resolveSubmit')} disabled={!valid || busy} testId="inbox-resolve-submit" />}
    >
      <p className="dialog-lead">{hostText(t, row.evidence)}</p>
      {row.derived && (
        <p className="muted small">
          {t(row.kind === 'desk-locked' ? 'inbox.unlockHint' : row.kind === 'pool-low' || row.kind === 'stock-negative' || row.kind === 'stock-low' ? 'inbox.dismissSnooze' : 'inbox.dismissHint')}
        </p>
      )}
      <label htmlFor="inbox-note" className="inbox-note-label">
        {t('inbox.note')}
        <b className="required"> *</b>
      </label>
      <textarea
        id="inbox-note"
        className="input inbox-note"
        rows={3}
        maxLength={NOTE_MAX}
        value={note}
        placeholder={t('inbox.notePlaceholder')}
        onChange={(e) => setNote(e.target.value)}
        aria-describedby={note.length >= NOTE_COUNT_FROM ? 'inbox-note-length' : undefined}
        data-testid="inbox-note"
      />
      {note.length >= NOTE_COUNT_FROM && (
        <p id="inbox-note-length" className={note.length >= NOTE_MAX ? 'inbox-note-length inbox-note-full' : 'inbox-note-length'} data-testid="inbox-note-length">
          {t('inbox.noteLength', { used: note.length, max: NOTE_MAX })}
        </p>
      )}
      <ErrorText error={error} testId="inbox-resolve-error" />
    </Dialog>
  );
}
