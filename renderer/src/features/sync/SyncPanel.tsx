import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavStore } from '../../app/nav.store';
import { ErrorText } from '../../components/ErrorText';
import { useSessionStore } from '../session/session.store';
import { HostingPanel } from './HostingPanel';
import { PairedStatus } from './PairedStatus';
import { PairForm } from './PairForm';
import { useSyncStore } from './sync.store';
import './sync.css';

/**
 * Settings → 门店同步: this station's link to the shop hub (pair, status, sync now, unpair) and, on
 * the one PC that hosts it, the hub itself. Everyone sees the status; only an admin changes things.
 */
export function SyncPanel() {
  const { t } = useTranslation();
  const status = useSyncStore((s) => s.status);
  const error = useSyncStore((s) => s.error);
  const admin = useSessionStore((s) => s.session?.user?.role === 'admin');
  const section = useNavStore((s) => s.section);
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    void useSyncStore.getState().load();
  }, []);
  // Opened from the top bar's sync light: bring this panel into view.
  useEffect(() => {
    if (section !== 'sync') return;
    card.current?.scrollIntoView?.({ block: 'start' });
    useNavStore.getState().clearSection();
  }, [section]);
  return (
    <>
      <section className="card sync-panel" ref={card} data-testid="sync-panel">
        <h2>{t('sync.panel.title')}</h2>
        {!status ? (
          error ? (
            <ErrorText error={error} testId="sync-error" />
          ) : (
            <p className="muted">{t('common.loading')}</p>
          )
        ) : status.paired ? (
          <PairedStatus status={status} admin={admin} />
        ) : (
          <>
            <p data-testid="sync-standalone">
              {t('sync.panel.standalone')}
              {status.pendingOps > 0 && <> {t('sync.panel.standalonePending', { count: status.pendingOps })}</>}
            </p>
            {admin ? <PairForm /> : <p className="muted">{t('sync.panel.adminOnly')}</p>}
          </>
        )}
      </section>
      {admin && <HostingPanel />}
    </>
  );
}
