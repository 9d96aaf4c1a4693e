import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { InboxRow } from '#shared/contract/inbox.contract';
import { currentLanguage } from '../../i18n/setup';
import { benchName, saidName, storedBenchName } from '../../lib/bench-names';
import { carrierName } from '../../lib/carrier-name';
import { formatDateTime } from '../../lib/format';
import { hostText } from '../../lib/host-text';
import { useFlagKindLabel } from '../sync/flag-labels';
import { canOpen, openTarget } from './inbox-actions';
import { DamagePhotos } from '../media/DamagePhotos';
import { onDesk } from '../desk/desk-mode';

/**
 * One thing that needs a human: what it is, when and where, about which order, parcel or SKU, its
 * evidence, and what to do about it (open where it can be acted on; resolve with a note).
 */
export function InboxRowCard({ row, canResolve, onResolve }: { row: InboxRow; canResolve: boolean; onResolve: (row: InboxRow) => void }) {
  const { t } = useTranslation();
  const flagKind = useFlagKindLabel();
  const lang = currentLanguage();
  const refs = [
    row.orderExternalId && t('inbox.ref.order', { order: row.orderExternalId }),
    row.trackingNo && t('inbox.ref.parcel', { trackingNo: row.trackingNo }),
    row.skuCode && t('inbox.ref.sku', { sku: row.skuCode }),
  ].filter(Boolean);
  return (
    <li className={`inbox-row inbox-${row.severity}`} data-testid="inbox-row" data-kind={row.kind} data-key={row.key} data-flag-kind={row.flagKind ?? undefined}>
      <div className="inbox-row-head">
        <span className={row.severity === 'alarm' ? 'tag tag-blocked' : 'tag tag-warn'} data-testid="inbox-kind">
          {t(`inbox.kinds.${row.kind}`)}
        </span>
        {row.flagKind && row.kind === 'sync-conflict' && <span className="tag">{flagKind(row.flagKind)}</span>}
        <time className="small muted nowrap" dateTime={row.at}>
          {row.kind === 'deadline-risk' ? t('inbox.due', { at: formatDateTime(row.at, lang) }) : formatDateTime(row.at, lang)}
        </time>
        {row.benches.length > 0 && <span className="small inbox-benches">{row.benches.map((b) => benchName(t, b)).join(t('common.listSep'))}</span>}
        {refs.length > 0 && <span className="inbox-refs mono small">{refs.join(' · ')}</span>}
        {row.derived && <span className="small muted">{t('inbox.derived')}</span>}
      </div>
      <p className="inbox-evidence" data-testid="inbox-evidence">
        {onDesk() ? phoneEvidence(t, row) : hostText(t, row.evidence)}
      </p>
      {row.parcels && row.parcels.length > 0 && (
        // Which parcel to void is the supervisor's call: each live one with its bench, packer and time.
        <ul className="inbox-parcels small" data-testid="inbox-parcels">
          {row.parcels.map((p) => {
            const params = {
              carrier: carrierName(t, p.carrierCode, p.carrierCode), trackingNo: p.trackingNo, bench: p.bench ? benchName(t, p.bench) : '—',
              packer: p.packer === null ? '' : saidName(t, p.packer), at: formatDateTime(p.at, lang),
            };
            return (
              <li key={p.shipmentId} className="mono" data-testid="inbox-parcel">
                {p.packer ? t('inbox.parcel', params) : t('inbox.parcelNoPacker', params)}
              </li>
            );
          })}
        </ul>
      )}
      {row.photos.length > 0 && <DamagePhotos photos={row.photos} bench={row.benches[0] ?? null} />}
      {row.people.length > 0 && <div className="small muted">{t('inbox.people', { people: row.people.map((p) => saidName(t, p)).join(t('common.listSep')) })}</div>}
      <div className="inbox-actions">
        {canOpen(row) && (
          <button type="button" className="btn btn-small" onClick={() => openTarget(row)} data-testid="inbox-open">
            {t(`inbox.open.${row.target!}`)}
          </button>
        )}
        {row.closes === 'decide' ? (
          <span className="small muted">{t('inbox.decideHint')}</span>
        ) : (
          canResolve && (
            <button type="button" className="btn btn-small btn-primary" onClick={() => onResolve(row)} data-testid="inbox-resolve">
              {row.derived ? t('inbox.dismiss') : t('inbox.resolve')}
            </button>
          )
        )}
      </div>
    </li>
  );
}

/**
 * The phone has no Shipments and cannot void: a double shipment there says which benches hold the
 * parcels and that the extra label is voided in 发货记录 at one of them. Named as stored, as "本机"
 * would mean the hub on a phone.
 */
function phoneEvidence(t: TFunction, row: InboxRow): string {
  if (row.evidence.key !== 'inbox.evidence.shipDouble' || !row.parcels?.length) return hostText(t, row.evidence);
  const benches = [...new Set(row.parcels.flatMap((p) => (p.bench ? [storedBenchName(t, p.bench.name)] : [])))];
  if (benches.length === 0) return hostText(t, row.evidence);
  return t('inbox.evidence.shipDoublePhone', { order: row.orderExternalId ?? '', parcels: row.parcels.length, benches: benches.join(t('common.listSep')) });
}
