import { leftWithoutHandoverBefore } from '#shared/domain/handover-window';
import type { Db } from '../db/open-database';

/**
 * When a parcel left, for the late-shipping guard and the dashboard: once the shop hands parcels
 * over (a parcel's handover time is its ship time, migration 0014), a parcel printed within the
 * handover window before the first handover, or since, has left only when handed over; one printed
 * earlier left when printed (shared/domain/handover-window). `@since` is that cut-off, or '9999'
 * for a shop that never handed a parcel over (then every parcel left when printed, as before).
 */
export const leftAt = (s: string) =>
  `(CASE WHEN ${s}.handed_over_at IS NOT NULL THEN ${s}.handed_over_at WHEN ${s}.created_at < @since THEN ${s}.created_at END)`;

/** The cut-off before which parcels left without a handover, as `@since`. */
export function handoversSince(db: Db): () => string {
  const q = db.prepare('SELECT min(handed_over_at) FROM shipments WHERE handed_over_at IS NOT NULL').pluck();
  return () => {
    const first = q.get() as string | null;
    return first === null ? '9999' : leftWithoutHandoverBefore(first);
  };
}

/**
 * Orders packed (shipped at the bench) but whose parcels have not left: printed since the cut-off,
 * none handed over. Driven from the parcels printed since `@since` (indexed), not from every
 * shipped order. `@until`: deadlines before it.
 */
export const AWAITING_HANDOVER = `SELECT DISTINCT o.id FROM shipments s JOIN orders o ON o.id = s.order_id
  WHERE s.created_at >= @since AND s.voided_at IS NULL AND s.handed_over_at IS NULL
    AND o.pack_state = 'shipped' AND o.blocked_reason IS NULL AND o.ship_deadline < @until
    AND NOT EXISTS (SELECT 1 FROM shipments h WHERE h.order_id = o.id AND h.voided_at IS NULL AND h.handed_over_at IS NOT NULL)`;
