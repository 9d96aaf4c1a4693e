import type { ParcelTracking } from '#shared/contract/tracking.contract';
import type { TrackingEvent, TrackingSource, TrackingState } from '#shared/domain/tracking';
import type { Db } from '../db/open-database';

type ParcelRow = {
  carrier_code: string; tracking_no: string; state: TrackingState | null; source: TrackingSource | null; dest_city: string | null;
  reported_carrier: string | null; accepted_at: string | null; last_event_at: string | null; delivered_at: string | null; updated_at: string | null;
  order_id: string | null; external_id: string | null; voided_at: string | null; handed_over_at: string | null;
};

/** How many trace nodes a parcel's page shows. */
export const SHOWN_EVENTS = 200;

/** Tracking as this bench's screens and the CLI read it; rows are written by the tracking.updated applier. */
export function createTrackingRepo(db: Db) {
  const parcelColumns = `t.carrier_code, t.tracking_no, t.state, t.source, t.dest_city, t.reported_carrier, t.accepted_at, t.last_event_at,
    t.delivered_at, t.updated_at`;
  const q = {
    // The shop's parcels with that number, with their tracking if any; then tracking of a number no parcel here carries.
    byNumber: db.prepare(`SELECT s.carrier_code, s.tracking_no, t.state, t.source, t.dest_city, t.reported_carrier, t.accepted_at, t.last_event_at,
        t.delivered_at, t.updated_at, s.order_id, o.external_id, s.voided_at, s.handed_over_at
      FROM shipments s JOIN orders o ON o.id = s.order_id LEFT JOIN tracking_parcels t ON t.carrier_code = s.carrier_code AND t.tracking_no = s.tracking_no
      WHERE s.tracking_no = @no
      UNION ALL
      SELECT ${parcelColumns}, NULL, NULL, NULL, NULL FROM tracking_parcels t
      WHERE t.tracking_no = @no AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.tracking_no = t.tracking_no AND s.carrier_code = t.carrier_code)`),
    ofOrder: db.prepare(`SELECT s.carrier_code, s.tracking_no, t.state, t.source, t.dest_city, t.reported_carrier, t.accepted_at, t.last_event_at,
        t.delivered_at, t.updated_at, s.order_id, o.external_id, s.voided_at, s.handed_over_at
      FROM shipments s JOIN orders o ON o.id = s.order_id LEFT JOIN tracking_parcels t ON t.carrier_code = s.carrier_code AND t.tracking_no = s.tracking_no
      WHERE s.order_id = ? ORDER BY s.created_at, s.parcel_no`),
    events: db.prepare(`SELECT at, state, text, city FROM tracking_events WHERE carrier_code = ? AND tracking_no = ?
      ORDER BY at DESC, text DESC LIMIT ${SHOWN_EVENTS}`),
    carrierOf: db.prepare('SELECT carrier_code FROM shipments WHERE tracking_no = ? ORDER BY voided_at IS NOT NULL LIMIT 1').pluck(),
  };
  const toParcel = (r: ParcelRow): ParcelTracking => ({
    carrierCode: r.carrier_code, trackingNo: r.tracking_no, orderId: r.order_id, orderExternalId: r.external_id, voided: r.voided_at !== null,
    handedOverAt: r.handed_over_at, state: r.state, source: r.source, destCity: r.dest_city ?? '', reportedCarrier: r.reported_carrier,
    acceptedAt: r.accepted_at, lastEventAt: r.last_event_at, deliveredAt: r.delivered_at, updatedAt: r.updated_at,
    events: q.events.all(r.carrier_code, r.tracking_no) as TrackingEvent[],
  });
  return {
    byNumber: (trackingNo: string) => (q.byNumber.all({ no: trackingNo }) as ParcelRow[]).map(toParcel),
    ofOrder: (orderId: string) => (q.ofOrder.all(orderId) as ParcelRow[]).map(toParcel),
    /** The carrier of this shop's parcel with that number (a live one first), or null. */
    carrierOf: (trackingNo: string) => (q.carrierOf.get(trackingNo) as string | undefined) ?? null,
  };
}
export type TrackingRepo = ReturnType<typeof createTrackingRepo>;
