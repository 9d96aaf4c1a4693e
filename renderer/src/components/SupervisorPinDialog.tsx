import { useTranslation } from 'react-i18next';
import type { UiError } from '../api/errors';
import { Dialog } from './Dialog';
import { ErrorText } from './ErrorText';
import { PinPad } from './PinPad';
import { retryInSeconds, usePinWait } from './pin-wait';

/** Asks for a supervisor's PIN before a permission-gated action; the host checks it and audits who. */
export function SupervisorPinDialog(props: {
  action: string;
  error: UiError | null;
  busy: boolean;
  /** Shown above the pad, e.g. "a scan was ignored". */
  notice?: string | undefined;
  onSubmit: (pin: string) => void;
  onCancel: () => void;
}) {
  const { action, error, busy, notice, onSubmit, onCancel } = props;
  const { t } = useTranslation();
  const wait = usePinWait(error);
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
      {notice && (
        <p className="dialog-notice" role="status" data-testid="supervisor-notice">
          {notice}
        </p>
      )}
      <PinPad
        onSubmit={onSubmit}
        busy={busy}
        error={retryInSeconds(error) > 0 ? null : <ErrorText error={error} overrides={{ FORBIDDEN: t('supervisor.wrongPin') }} />}
        waitSeconds={wait}
        testId="supervisor-pinpad"
        submitLabel={t('supervisor.authorize')}
      />
    </Dialog>
  );
}
