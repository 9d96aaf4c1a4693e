import { useTranslation } from 'react-i18next';

/**
 * The footer of a form: Cancel, then its one action. Without onConfirm the action is a submit button,
 * for a Dialog given onSubmit, so Enter in a field presses it too.
 */
export function ConfirmButtons(props: {
  onCancel: () => void;
  label: string;
  disabled: boolean;
  testId: string;
  onConfirm?: () => void;
  /** The action cannot be undone (a void): a red button. */
  danger?: boolean;
}) {
  const { onCancel, label, disabled, testId, onConfirm, danger } = props;
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="btn" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type={onConfirm ? 'button' : 'submit'} className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={disabled} onClick={onConfirm} data-testid={testId}>
        {label}
      </button>
    </>
  );
}
