import { useTranslation } from 'react-i18next';
import type { ParcelTracking } from '#shared/contract/tracking.contract';
import type { TrackingState } from '#shared/domain/tracking';
import { formatDateTime } from '../../lib/format';
import './tracking.css';

/** A parcel's tracking state as a coloured chip; "no tracking yet" when nothing was heard. */
export function TrackingChip({ state }: { state: TrackingState | null }) {
  const { t } = useTranslation();
  return (
    <span className={`tag tracking-chip tracking-${state ?? 'none'}`} data-testid="tracking-chip" data-state={state ?? 'none'}>
      {state ? t(`tracking.states.${state}`) : t('tracking.timeline.none')}
    </span>
  );
}

/** One parcel: carrier, number and state, when it was handed over, picked up, last heard of and delivered, then its trace newest first. */
export function TrackingTimeline({ parcel }: { parcel: ParcelTracking }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null) => formatDateTime(iso, i18n.language);
  const facts = [
    parcel.handedOverAt && t('tracking.timeline.handedOver', { at: when(parcel.handedOverAt) }),
    parcel.acceptedAt && t('tracking.timeline.accepted', { at: when(parcel.acceptedAt) }),
    parcel.lastEventAt && t('tracking.timeline.lastEvent', { at: when(parcel.lastEventAt) }),
    parcel.deliveredAt && t('tracking.timeline.delivered', { at: when(parcel.deliveredAt) }),
    parcel.destCity && t('tracking.timeline.destCity', { city: parcel.destCity }),
  ].filter(Boolean);
  return (
    <section className="tracking-parcel" data-testid={`tracking-parcel-${parcel.trackingNo}`}>
      <header className="tracking-head">
        <span className="mono">
          {t(`carrierNames.${parcel.carrierCode}`, { defaultValue: parcel.carrierCode })} {parcel.trackingNo}
        </span>
        <TrackingChip state={parcel.state} />
        {parcel.voided && <span className="tag tag-void">{t('tracking.timeline.voided')}</span>}
        {parcel.orderExternalId && <span className="small muted">{t('tracking.timeline.order', { order: parcel.orderExternalId })}</span>}
      </header>
      {facts.length > 0 && <p className="small tracking-facts">{facts.join(' · ')}</p>}
      {parcel.reportedCarrier && (
        <p className="small warn-text">{t('tracking.timeline.reportedCarrier', { carrier: t(`carrierNames.${parcel.reportedCarrier}`, { defaultValue: parcel.reportedCarrier }) })}</p>
      )}
      {parcel.events.length === 0 ? (
        <p className="small muted">{t('tracking.timeline.noEvents')}</p>
      ) : (
        <ol className="tracking-events" data-testid="tracking-events">
          {parcel.events.map((e) => (
            <li key={`${e.at}|${e.text}`} className={`tracking-event tracking-${e.state}`}>
              <time className="small nowrap" dateTime={e.at}>
                {when(e.at)}
              </time>
              <span className="tracking-dot" aria-hidden />
              <span>
                <b className="small">{t(`tracking.states.${e.state}`)}</b> {e.city && <span className="small muted">{e.city}</span>} {e.text}
              </span>
            </li>
          ))}
        </ol>
      )}
      {parcel.source && parcel.updatedAt && (
        <p className="small muted">{t('tracking.timeline.source', { source: t(`tracking.sources.${parcel.source}`), at: when(parcel.updatedAt) })}</p>
      )}
    </section>
  );
}
