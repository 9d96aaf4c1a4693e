import { useTranslation } from 'react-i18next';
import type { Toast } from '../app/toast.store';
import { describeError } from './ErrorText';

export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast">
          <span>{toast.error ? describeError(t, toast.error) : toast.key ? t(toast.key, toast.params) : ''}</span>
          <button type="button" className="toast-close" aria-label={t('common.close')} onClick={() => onDismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
