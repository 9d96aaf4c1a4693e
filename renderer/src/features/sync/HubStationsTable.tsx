import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostingStatus } from '#shared/contract/sync.contract';
import { currentLanguage } from '../../i18n/setup';
import { storedBenchName } from '../../lib/bench-names';
import { formatAgo } from '../../lib/format';
import { useHostingStore } from './hosting.store';
import { useSyncStore } from './sync.store';
import { useNow } from './use-now';

/**
 * The stations paired with the hub this PC hosts. A lost or stolen PC is revoked here (two clicks):
 * its token stops working at once, its ops and waybill numbers stay where they are. A PC that
 * replaces one gets a replacement code here (two clicks): it takes over that station.
 */
export function HubStationsTable({ stations }: { stations: HostingStatus['stations'] }) {
  const { t } = useTranslation();
  const now = useNow();
  const lang = currentLanguage();
  const ownId = useSyncStore((s) => s.status?.stationId);
  const busy = useHostingStore((s) => s.busy);
  const revoke = useHostingStore((s) => s.revoke);
  const replace = useHostingStore((s) => s.newReplacementCode);
  const [confirming, setConfirming] = useState<{ stationId: string; action: 'revoke' | 'replace' } | null>(null);
  return (
    <div className="hub-stations">
      <h3>{t('sync.hosting.stations')}</h3>
      <div className="table-wrap">
        <table className="table table-dense" data-testid="hub-stations">
          <thead>
            <tr>
              <th>{t('sync.hosting.stationName')}</th>
              <th>{t('sync.panel.role')}</th>
              <th>{t('sync.hosting.lastSeen')}</th>
              <th>{t('sync.hosting.appVersion')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {stations.length === 0 && (
              <tr>
                <td colSpan={5} className="muted center">
                  {t('sync.hosting.noStations')}
                </td>
              </tr>
            )}
            {stations.map((s) => (
              <tr key={s.stationId} data-testid="hub-station-row">
                <td>{storedBenchName(t, s.name)}</td>
                <td>{t(`sync.stationRoles.${s.role}`)}</td>
                <td title={s.lastSeen ?? ''}>{s.lastSeen ? formatAgo(s.lastSeen, lang, now, t('sync.justNow')) : t('sync.hosting.neverSeen')}</td>
                <td className="mono">{s.appVersion ?? '—'}</td>
                <td className="nowrap">
                  {s.stationId === ownId ? (
                    <span className="muted small">{t('sync.hosting.thisPc')}</span>
                  ) : confirming?.stationId === s.stationId ? (
                    <>
                      <button type="button" className="btn btn-small" onClick={() => setConfirming(null)}>
                        {t('common.cancel')}
                      </button>{' '}
                      <ConfirmAction
                        action={confirming.action}
                        disabled={busy}
                        onConfirm={() => void (confirming.action === 'revoke' ? revoke(s.stationId) : replace(s.stationId)).then(() => setConfirming(null))}
                      />
                    </>
                  ) : (
                    <>
                      {(['replace', 'revoke'] as const).map((action, i) => (
                        <span key={action}>
                          {i > 0 && ' '}
                          <button
                            type="button"
                            className="btn btn-small"
                            title={t(`sync.hosting.${action}Hint`)}
                            onClick={() => setConfirming({ stationId: s.stationId, action })}
                            data-testid={`station-${action}`}
                          >
                            {t(`sync.hosting.${action}`)}
                          </button>
                        </span>
                      ))}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The second click of revoking a station or making a replacement code for it. */
function ConfirmAction({ action, disabled, onConfirm }: { action: 'revoke' | 'replace'; disabled: boolean; onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={action === 'revoke' ? 'btn btn-small btn-danger' : 'btn btn-small btn-primary'}
      disabled={disabled}
      title={t(action === 'revoke' ? 'sync.hosting.revokeHint' : 'sync.hosting.replaceHint')}
      onClick={onConfirm}
      data-testid={`station-${action}-confirm`}
    >
      {t(action === 'revoke' ? 'sync.hosting.revokeConfirm' : 'sync.hosting.replaceConfirm')}
    </button>
  );
}
