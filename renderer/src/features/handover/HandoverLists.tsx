import { useTranslation } from 'react-i18next';
import type { HandoverDetail, HandoverParcel, HandoverScan } from '#shared/contract/handover.contract';
import { hostText } from '../../lib/host-text';

const shown = 200;

/** One list of parcels: the number big enough to find on a box, its order, and why (kept back). */
function Parcels({ title, parcels, tone, testId }: { title: string; parcels: HandoverParcel[]; tone: 'ok' | 'warn' | 'alarm'; testId: string }) {
  const { t } = useTranslation();
  return (
    <section className={`card handover-list handover-list-${tone}`} data-testid={testId} data-count={parcels.length}>
      <h3>
        {title} <span className="handover-list-count">{parcels.length}</span>
      </h3>
      {parcels.length === 0 ? (
        <p className="small muted">{t('handover.empty')}</p>
      ) : (
        <ul>
          {parcels.slice(0, shown).map((p) => (
            <li key={p.shipmentId} data-testid={`${testId}-item`}>
              <span className="mono handover-no">{p.trackingNo}</span>
              <span className="small muted">{p.orderExternalId}</span>
              {p.reason && <span className="small handover-reason">{hostText(t, p.reason)}</span>}
            </li>
          ))}
          {parcels.length > shown && <li className="small muted">+{parcels.length - shown}</li>}
        </ul>
      )}
    </section>
  );
}

function Unexpected({ scans }: { scans: HandoverScan[] }) {
  const { t } = useTranslation();
  return (
    <section className="card handover-list handover-list-warn" data-testid="handover-unexpected" data-count={scans.length}>
      <h3>
        {t('handover.lists.unexpected')} <span className="handover-list-count">{scans.length}</span>
      </h3>
      {scans.length === 0 ? (
        <p className="small muted">{t('handover.empty')}</p>
      ) : (
        <ul>
          {scans.slice(0, shown).map((s) => (
            <li key={s.id}>
              <span className="mono handover-no">{s.code}</span>
              <span className="small">{t(`handover.outcomes.${s.outcome}`)}</span>
              {s.detail && <span className="small muted">{hostText(t, s.detail)}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The reconciliation as lists: kept back first (red), then what is still missing, what went, what was odd. */
export function HandoverLists({ h }: { h: HandoverDetail }) {
  const { t } = useTranslation();
  return (
    <div className="handover-lists">
      {/* Red only when something is kept back: an empty red box would teach the eye to skip it. */}
      {h.intercepted.length > 0 && <Parcels title={t('handover.lists.intercepted')} parcels={h.intercepted} tone="alarm" testId="handover-intercepted" />}
      <Parcels title={t(h.state === 'open' ? 'handover.lists.awaiting' : 'handover.lists.missing')} parcels={h.missing} tone="warn" testId="handover-missing" />
      <Parcels title={t('handover.lists.accepted')} parcels={h.accepted} tone="ok" testId="handover-accepted" />
      {h.unexpected.length > 0 && <Unexpected scans={h.unexpected} />}
    </div>
  );
}

/**
 * An abandoned handover's parcels: scanned in, handed over to nobody, waiting for the next pickup
 * again; and what was scanned that was not for it (another carrier, a voided parcel), as a closed
 * handover's page lists them.
 */
export function HandoverPutBack({ h }: { h: HandoverDetail }) {
  const { t } = useTranslation();
  return (
    <div className="handover-lists">
      <Parcels title={t('handover.lists.putBack')} parcels={h.putBack} tone="warn" testId="handover-put-back-list" />
      {h.unexpected.length > 0 && <Unexpected scans={h.unexpected} />}
    </div>
  );
}
