import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButtons } from '../../components/ConfirmButtons';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { currentLanguage } from '../../i18n/setup';
import { formatDateTime } from '../../lib/format';
import { hostText } from '../../lib/host-text';
import { flagStations, useFlagKindLabel } from './flag-labels';
import { useFlagsStore } from './flags.store';

/** Closing a flag takes a note of what was done; every station sees it. */
export function ResolveFlagDialog() {
  const { t } = useTranslation();
  const kindLabel = useFlagKindLabel();
  const resolving = useFlagsStore((s) => s.resolving);
  const { resolve, closeResolve } = useFlagsStore.getState();
  const [note, setNote] = useState('');
  if (!resolving) return null;
  const { flag, busy, error } = resolving;
  const valid = note.trim().length > 0;
  const lang = currentLanguage();
  return (
    <Dialog
      title={t('flags.resolveTitle', { kind: kindLabel(flag.kind) })}
      onClose={closeResolve}
      testId="flag-resolve-dialog"
      onSubmit={() => {
        if (valid && !busy) void resolve(note.trim());
      }}
      actions={<ConfirmButtons onCancel={closeResolve} label={busy ? t('common.working') : t('flags.resolveSubmit')} disabled={!valid || busy} testId="flag-resolve-submit" />}
    >
      <p className="dialog-lead">{hostText(t, flag.message)}</p>
      <dl className="kv flag-facts">
        <dt>{t('flags.colOrder')}</dt>
        <dd className="mono">{flag.orderExternalId ?? '—'}</dd>
        <dt>{t('flags.colStations')}</dt>
        <dd>{flagStations(t, flag)}</dd>
        <dt>{t('flags.colTime')}</dt>
        <dd>{formatDateTime(flag.raisedAt, lang)}</dd>
      </dl>
      <label htmlFor="flag-resolution" className="flag-note-label">
        {t('flags.resolution')}
        <b className="required"> *</b>
      </label>
      <textarea
        id="flag-resolution"
        className="input flag-note"
        rows={3}
        maxLength={500}
        value={note}
        placeholder={t('flags.resolutionPlaceholder')}
        onChange={(e) => setNote(e.target.value)}
        data-testid="flag-resolution"
      />
      <p className="muted small">{t('flags.resolutionHint')}</p>
      <ErrorText error={error} testId="flag-resolve-error" />
    </Dialog>
  );
}
