import { useTranslation } from 'react-i18next';
import type { Shipment } from '#shared/contract/shipments.contract';
import { ErrorText } from '../../components/ErrorText';
import { ListTable } from '../../components/ListTable';
import type { UiError } from '../../api/errors';
import { currentLanguage } from '../../i18n/setup';
import { formatDateTime, formatGrams } from '../../lib/format';
import { voidReasonText } from '../../lib/void-reason';
import { TrackingChip } from '../tracking/TrackingTimeline';
import { useTrackingStore } from '../tracking/tracking.store';
import { carrierName } from '../../lib/carrier-name';

/** The parcel's state in the words of the Shipments screen: voided, exported, handed over, printed or not. */
function stateKey(p: Shipment): string {
  if (p.voidedAt) return 'shipments.voided';
  if (p.exportedAt) return 'shipments.exported';
  if (p.handedOverAt) return 'shipments.handedOver';
  return p.printedAt ? 'shipments.printed' : 'shipments.notPrinted';
}

/** Stands in for the handover number inside the translated sentence, so the number can be laid out on its own. */
const MARK = '\u2063';

const HANDOVER_KEYS = { accepted: 'orders.detail.parcelHandedOver', missing: 'orders.detail.parcelMissing', intercepted: 'orders.detail.parcelKeptBack' } as const;

/**
 * Where the shop hands over, which handover took the parcel and when, or that it was not handed over
 * (少件 or kept back at a closed one): a parcel packed but still in the shop has not shipped to the buyer.
 */
function HandoverLine({ parcel: p }: { parcel: Shipment }) {
  const { t } = useTranslation();
  if (!p.handover || p.voidedAt) return null;
  const { state, number, at } = p.handover;
  // The sentence may wrap, the handover number (YTO-20261207-EE7B) never inside itself: it is read off and typed back.
  const [before, after] = t(HANDOVER_KEYS[state], { number: MARK, at: formatDateTime(at, currentLanguage()) }).split(MARK);
  return (
    <div className={state === 'accepted' ? 'muted' : 'warn-text'} data-testid="order-parcel-handover">
      {before}
      <span className="nowrap" data-testid="order-parcel-handover-number">
        {number}
      </span>
      {after}
    </div>
  );
}

/** The order's parcels, voided ones struck through; a tracking chip opens the parcel's timeline. */
export function OrderParcelsTable({ parcels, error }: { parcels: readonly Shipment[] | null; error: UiError | null }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <section className="order-detail-section">
      <h3>{t('orders.detail.parcels')}</h3>
      <ErrorText error={error} testId="order-detail-parcels-error" />
      {!error && (
        <ListTable
          items={parcels ?? []}
          columns={7}
          loading={parcels === null}
          emptyText={t('orders.detail.noParcels')}
          testId="order-detail-parcels"
          className="table-dense"
          head={
            <>
              <th>{t('shipments.colTime')}</th>
              <th>{t('shipments.colCarrier')}</th>
              <th>{t('shipments.colTracking')}</th>
              <th className="num">{t('shipments.colParcel')}</th>
              <th className="num">{t('shipments.colWeight')}</th>
              <th>{t('shipments.colState')}</th>
              <th>{t('tracking.column')}</th>
            </>
          }
          row={(p) => (
            <tr key={p.id} className={p.voidedAt ? 'row-void' : ''} data-testid={`order-parcel-${p.trackingNo}`}>
              <td className="small nowrap">{formatDateTime(p.createdAt, lang)}</td>
              <td className="nowrap">{carrierName(t, p.carrierCode, p.carrierName)}</td>
              <td className="mono nowrap">{p.trackingNo}</td>
              <td className="num">
                {p.parcelNo}/{p.parcelCount}
              </td>
              <td className="num">{formatGrams(p.weightG)}</td>
              <td className="small">
                {t(stateKey(p))}
                {p.voidReason && `${t('common.colon')}${voidReasonText(t, p.voidReason)}`}
                <HandoverLine parcel={p} />
              </td>
              <td className="nowrap">
                <button type="button" className="tracking-open" title={t('tracking.timeline.title')} onClick={() => void useTrackingStore.getState().show(p.trackingNo)}>
                  <TrackingChip state={p.tracking?.state ?? null} />
                </button>
              </td>
            </tr>
          )}
        />
      )}
    </section>
  );
}
