import { useTranslation } from 'react-i18next';
import type { UiError } from '../api/errors';
import { Dialog } from './Dialog';
import { ErrorText } from './ErrorText';
import { PinPad } from './PinPad';

/** Asks for a supervisor's PIN before a permission-gated action; the host checks it and audits who. */
export function SupervisorPinDialog(props: { action: string; error: UiError | null; busy: boolean; onSubmit: (pin: string) => void; onCancel: () => void }) {
  const { action, error, busy, onSubmit, onCancel } = props;
  const { t } = useTranslation();
  return (
    <Dialog
      title={t('supervisor.title')}
      onClose={onCancel}
      testId="supervisor-dialog"
      actions={
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      }
    >
      <p className="dialog-lead">{t('supervisor.lead', { action })}</p>
      <PinPad onSubmit={onSubmit} busy={busy} error={<ErrorText error={error} />} testId="supervisor-pinpad" submitLabel={t('supervisor.authorize')} />
    </Dialog>
  );
}
