import type { Db } from '../db/open-database';

/**
 * When a parcel left, for the late-shipping guard and the dashboard: once the shop hands parcels
 * over (a parcel's handover time is its ship time, migration 0014), a parcel printed since the
 * first handover has left only when handed over; one printed before it left when printed (the
 * shop did not hand over then). `@since` is the first handover, or '9999' for a shop that never
 * handed a parcel over (then every parcel left when printed, as before).
 */
export const leftAt = (s: string) =>
  `(CASE WHEN ${s}.handed_over_at IS NOT NULL THEN ${s}.handed_over_at WHEN ${s}.created_at < @since THEN ${s}.created_at END)`;

/** The first handover ever, as `@since`. */
export function handoversSince(db: Db): () => string {
  const q = db.prepare('SELECT min(handed_over_at) FROM shipments WHERE handed_over_at IS NOT NULL').pluck();
  return () => (q.get() as string | null) ?? '9999';
}

/**
 * Orders packed (shipped at the bench) but whose parcels have not left: printed since handovers
 * began, none handed over. Driven from the parcels printed since `@since` (indexed), not from every
 * shipped order. `@until`: deadlines before it.
 */
export const AWAITING_HANDOVER = `SELECT DISTINCT o.id FROM shipments s JOIN orders o ON o.id = s.order_id
  WHERE s.created_at >= @since AND s.voided_at IS NULL AND s.handed_over_at IS NULL
    AND o.pack_state = 'shipped' AND o.blocked_reason IS NULL AND o.ship_deadline < @until
    AND NOT EXISTS (SELECT 1 FROM shipments h WHERE h.order_id = o.id AND h.voided_at IS NULL AND h.handed_over_at IS NOT NULL)`;
