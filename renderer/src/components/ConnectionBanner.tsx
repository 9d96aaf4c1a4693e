import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../api/connection.store';

/** Full-width banner while the station core cannot be reached. */
export function ConnectionBanner(props: { status: ConnectionStatus; retryInSec: number | null; tokenMissing: boolean; onRetry: () => void }) {
  const { status, retryInSec, tokenMissing, onRetry } = props;
  const { t } = useTranslation();
  if (status === 'open') return null;
  return (
    <div className={`conn-banner conn-${status}`} role="alert" data-testid="connection-banner" data-status={status}>
      <strong>{status === 'connecting' ? t('connection.connecting') : t('connection.down')}</strong>
      {status === 'down' && <span>{t('connection.downHint')}</span>}
      {tokenMissing && <span>{t('connection.tokenMissing')}</span>}
      {status === 'down' && retryInSec !== null && <span className="muted-inverse">{t('connection.retryIn', { seconds: retryInSec })}</span>}
      {status === 'down' && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('connection.retryNow')}
        </button>
      )}
    </div>
  );
}
