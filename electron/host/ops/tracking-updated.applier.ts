import { progressOf, shownState, updateKey, utcTime, type TrackingFold } from '#shared/domain/tracking-merge';
import type { TrackingState } from '#shared/domain/tracking';
import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** A parcel keeps its newest events; the newest N of all ever seen is the same set whatever order they came in. */
export const MAX_EVENTS_PER_PARCEL = 200;

type ParcelRow = {
  latest_state: TrackingState | null; latest_key: string; progress: number; dest_city: string; dest_key: string; reported_carrier: string | null;
  source: string; accepted_at: string | null; last_event_at: string | null; delivered_first_at: string | null; updated_at: string;
};

const minOf = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const maxOf = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/**
 * What a provider or a file says about one parcel (tracking.updated), merged into what this bench
 * knows so that any order of the same updates gives the same parcel (shared/domain/tracking-merge):
 * the newest update by read time says where it is, an older one arriving later rolls nothing back,
 * events are kept once per time and text. A parcel that turns delivered (or stops being) moves its
 * order's delivered mark. Nothing waits: the parcel may be reported before its shipment arrives,
 * and the shipment's own applier then reads the tracking row.
 */
export function trackingUpdatedApplier({ db, orders }: ApplierDeps): Applier<'tracking.updated'> {
  const q = {
    row: db.prepare('SELECT * FROM tracking_parcels WHERE carrier_code = ? AND tracking_no = ?'),
    save: db.prepare(`INSERT INTO tracking_parcels (carrier_code, tracking_no, state, latest_state, latest_key, progress, dest_city, dest_key,
        reported_carrier, source, accepted_at, last_event_at, delivered_first_at, delivered_at, updated_at)
      VALUES (@carrierCode, @trackingNo, @state, @latestState, @latestKey, @progress, @destCity, @destKey, @reportedCarrier, @source,
        @acceptedAt, @lastEventAt, @deliveredFirstAt, @deliveredAt, @updatedAt)
      ON CONFLICT (carrier_code, tracking_no) DO UPDATE SET state = excluded.state, latest_state = excluded.latest_state,
        latest_key = excluded.latest_key, progress = excluded.progress, dest_city = excluded.dest_city, dest_key = excluded.dest_key,
        reported_carrier = excluded.reported_carrier, source = excluded.source, accepted_at = excluded.accepted_at,
        last_event_at = excluded.last_event_at, delivered_first_at = excluded.delivered_first_at, delivered_at = excluded.delivered_at,
        updated_at = excluded.updated_at`),
    // The same node told twice with a different state or city keeps the greater, so arrival order does not matter.
    event: db.prepare(`INSERT INTO tracking_events (carrier_code, tracking_no, at, text, state, city) VALUES (@carrierCode, @trackingNo, @at, @text, @state, @city)
      ON CONFLICT (carrier_code, tracking_no, at, text) DO UPDATE SET state = excluded.state, city = excluded.city
      WHERE excluded.state || '|' || excluded.city > tracking_events.state || '|' || tracking_events.city`),
    trim: db.prepare(`DELETE FROM tracking_events WHERE carrier_code = @carrierCode AND tracking_no = @trackingNo AND (at, text) NOT IN (
      SELECT at, text FROM tracking_events WHERE carrier_code = @carrierCode AND tracking_no = @trackingNo ORDER BY at DESC, text DESC LIMIT ${MAX_EVENTS_PER_PARCEL})`),
    ordersOf: db.prepare('SELECT DISTINCT order_id FROM shipments WHERE carrier_code = ? AND tracking_no = ?').pluck(),
  };
  return {
    apply(p) {
      const key = updateKey(p);
      const was = q.row.get(p.carrierCode, p.trackingNo) as ParcelRow | undefined;
      const newer = !was || key > was.latest_key;
      const events = p.events.map((e) => ({ ...e, at: utcTime(e.at) }));
      let first: string | null = null;
      let last: string | null = null;
      let delivered: string | null = p.state === 'delivered' ? utcTime(p.at) : null;
      for (const e of events) {
        first = minOf(first, e.at);
        last = maxOf(last, e.at);
        if (e.state === 'delivered') delivered = minOf(delivered, e.at);
      }
      const fold: TrackingFold = { latestState: newer ? p.state : (was?.latest_state ?? null), progress: Math.max(was?.progress ?? 0, progressOf(p)) };
      const state = shownState(fold);
      const deliveredFirstAt = minOf(was?.delivered_first_at ?? null, delivered);
      const newerCity = p.destCity.trim() !== '' && (!was || key > was.dest_key);
      q.save.run({
        carrierCode: p.carrierCode, trackingNo: p.trackingNo, state, latestState: fold.latestState, latestKey: newer ? key : was.latest_key,
        progress: fold.progress, destCity: newerCity ? p.destCity.trim() : (was?.dest_city ?? ''), destKey: newerCity ? key : (was?.dest_key ?? ''),
        reportedCarrier: newer ? p.reportedCarrier : was.reported_carrier, source: newer ? p.source : was.source,
        acceptedAt: minOf(was?.accepted_at ?? null, first), lastEventAt: maxOf(was?.last_event_at ?? null, last),
        deliveredFirstAt, deliveredAt: state === 'delivered' ? deliveredFirstAt : null, updatedAt: newer ? utcTime(p.at) : was.updated_at,
      });
      for (const e of events) q.event.run({ carrierCode: p.carrierCode, trackingNo: p.trackingNo, ...e });
      if (events.length > 0) q.trim.run({ carrierCode: p.carrierCode, trackingNo: p.trackingNo });
      for (const orderId of q.ordersOf.all(p.carrierCode, p.trackingNo) as string[]) orders.refreshDelivered(orderId);
    },
  };
}
