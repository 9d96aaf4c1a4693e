import type { Db } from '../db/open-database';
import { STOP_BLOCKS } from '../inbox/inbox-sources.repo';

export type HandoverRow = {
  id: string; carrier_code: string; station_id: string; opened_at: string; closed_at: string | null; closed_by: string | null; closed_station: string | null;
  courier_name: string | null; signature_hash: string | null; photo_hashes: string;
  abandoned_at: string | null; abandoned_by: string | null; abandoned_station: string | null; abandon_reason: string | null; abandon_note: string | null;
};
/** Under way: neither closed nor abandoned (作废). An abandoned handover's scans count for nothing. */
const UNDER_WAY = 'closed_at IS NULL AND abandoned_at IS NULL';
/**
 * A parcel with what the handover needs of its order: the number people know, and a stop if any —
 * cancelled or refund pending (`blocked_stop`), or shipped twice by two benches and not yet sorted
 * out by a supervisor (`double_shipped`: an open ship.double flag; both parcels wait, so the courier
 * does not take the duplicate).
 */
export type ParcelRow = {
  id: string; tracking_no: string; carrier_code: string; external_id: string; blocked_reason: string | null; blocked_stop: number; double_shipped: number;
  voided_at: string | null; void_reason: string | null; handover_id: string | null; handed_over_at: string | null;
};
/** Kept back from the courier (拦截), for either reason. */
export const isStopped = (p: ParcelRow): boolean => p.blocked_stop === 1 || p.double_shipped === 1;
export type ScanRow = { id: string; code: string; shipment_id: string | null; outcome: string; station_id: string; at: string };
export type ClosedParcelRow = { shipment_id: string; state: 'accepted' | 'missing' | 'intercepted' };
export type CountsRow = {
  id: string; scanned: number; accepted: number; unexpected: number; duplicate: number; intercepted: number; missing: number;
  /** Parcels its scans took in (each once): for an abandoned (作废) one, those put back to wait for the next pickup. */
  scanned_in: number;
};

const DOUBLE_SHIPPED = `EXISTS (SELECT 1 FROM flags f WHERE f.order_id = s.order_id AND f.kind = 'ship.double' AND f.resolution IS NULL)`;
const PARCEL = `SELECT s.id, s.tracking_no, s.carrier_code, o.external_id, o.blocked_reason, ${STOP_BLOCKS} AS blocked_stop,
    ${DOUBLE_SHIPPED} AS double_shipped,
    s.voided_at, s.void_reason, s.handover_id, s.handed_over_at
  FROM shipments s JOIN orders o ON o.id = s.order_id`;
/** Parcels a courier of @carrier should take: printed since @since, live, not handed over (index shipments_awaiting_handover). */
const AWAITING = `s.carrier_code = @carrier AND s.handed_over_at IS NULL AND s.voided_at IS NULL AND s.printed_at >= @since`;

/** The handover tables (migration 0015), written only by the handover.* appliers. */
export function createHandoverRepo(db: Db) {
  const q = {
    one: db.prepare('SELECT * FROM handovers WHERE id = ?'),
    openFor: db.prepare(`SELECT * FROM handovers WHERE carrier_code = ? AND ${UNDER_WAY} ORDER BY opened_at DESC LIMIT 1`),
    // 'closed' is the history: closed and abandoned ones, newest first by when they ended.
    page: db.prepare(`SELECT * FROM handovers WHERE (@state = 'all' OR (@state = 'open') = (${UNDER_WAY}))
      ORDER BY NOT (${UNDER_WAY}), COALESCE(closed_at, abandoned_at, opened_at) DESC, id DESC LIMIT @limit OFFSET @offset`),
    total: db.prepare(`SELECT count(*) FROM handovers WHERE (@state = 'all' OR (@state = 'open') = (${UNDER_WAY}))`).pluck(),
    parcel: db.prepare(`${PARCEL} WHERE s.id = ?`),
    byTracking: db.prepare(`${PARCEL} WHERE s.tracking_no = ?`),
    // Every parcel a handover's scans name, in one read (a pickup of thousands is read per scan).
    scanned: db.prepare(`${PARCEL} WHERE s.id IN (SELECT shipment_id FROM handover_scans WHERE handover_id = ? AND shipment_id IS NOT NULL)`),
    awaiting: db.prepare(`${PARCEL} WHERE ${AWAITING} ORDER BY s.printed_at, s.id`),
    // A parcel kept back (拦截) waits in the shop but must not go to the courier: counted apart, so the
    // carrier's card never invites handing it over.
    awaitingCounts: db.prepare(`SELECT carrierCode, count(*) - sum(kept) AS awaiting, sum(kept) AS kept FROM (
        SELECT s.carrier_code AS carrierCode, CASE WHEN ${STOP_BLOCKS} OR ${DOUBLE_SHIPPED} THEN 1 ELSE 0 END AS kept FROM shipments s JOIN orders o ON o.id = s.order_id
        WHERE s.handed_over_at IS NULL AND s.voided_at IS NULL AND s.printed_at >= @since)
      GROUP BY carrierCode ORDER BY count(*) DESC`),
    scans: db.prepare('SELECT id, code, shipment_id, outcome, station_id, at FROM handover_scans WHERE handover_id = ? ORDER BY at DESC, rowid DESC'),
    // Accepted into a handover still under way (this one or another): scanning it again is a duplicate. One
    // abandoned (作废) holds nothing: its parcels are scanned into the next pickup as if it never was.
    acceptedOpen: db.prepare(`SELECT sc.handover_id FROM handover_scans sc JOIN handovers h ON h.id = sc.handover_id
      WHERE sc.shipment_id = ? AND sc.outcome = 'accepted' AND h.closed_at IS NULL AND h.abandoned_at IS NULL LIMIT 1`).pluck(),
    closedParcels: db.prepare('SELECT shipment_id, state FROM handover_parcels WHERE handover_id = ?'),
    user: db.prepare('SELECT name, bench_of AS benchOf FROM users WHERE id = ?'),
    isOrder: db.prepare('SELECT 1 FROM orders WHERE external_id = ? LIMIT 1').pluck(),
    counts: db.prepare(`SELECT h.id,
        (SELECT count(*) FROM handover_scans sc WHERE sc.handover_id = h.id) AS scanned,
        (SELECT count(*) FROM handover_parcels p WHERE p.handover_id = h.id AND p.state = 'accepted') AS accepted,
        (SELECT count(*) FROM handover_parcels p WHERE p.handover_id = h.id AND p.state = 'missing') AS missing,
        (SELECT count(*) FROM handover_parcels p WHERE p.handover_id = h.id AND p.state = 'intercepted') AS intercepted,
        (SELECT count(*) FROM handover_scans sc WHERE sc.handover_id = h.id AND sc.outcome LIKE 'unexpected-%') AS unexpected,
        (SELECT count(*) FROM handover_scans sc WHERE sc.handover_id = h.id AND sc.outcome = 'duplicate') AS duplicate,
        (SELECT count(DISTINCT sc.shipment_id) FROM handover_scans sc WHERE sc.handover_id = h.id AND sc.outcome = 'accepted') AS scanned_in
      FROM handovers h WHERE h.id = ?`),
  };
  return {
    get: (id: string) => q.one.get(id) as HandoverRow | undefined,
    openFor: (carrier: string) => q.openFor.get(carrier) as HandoverRow | undefined,
    page: (state: 'open' | 'closed' | 'all', limit: number, offset: number) => q.page.all({ state, limit, offset }) as HandoverRow[],
    total: (state: 'open' | 'closed' | 'all') => q.total.get({ state }) as number,
    parcel: (id: string) => q.parcel.get(id) as ParcelRow | undefined,
    byTracking: (trackingNo: string) => q.byTracking.get(trackingNo) as ParcelRow | undefined,
    /** The parcels a handover's scans name, by id. */
    scannedParcels: (handoverId: string) => new Map((q.scanned.all(handoverId) as ParcelRow[]).map((p) => [p.id, p])),
    awaiting: (carrier: string, since: string) => q.awaiting.all({ carrier, since }) as ParcelRow[],
    awaitingCounts: (since: string) => q.awaitingCounts.all({ since }) as { carrierCode: string; awaiting: number; kept: number }[],
    scans: (handoverId: string) => q.scans.all(handoverId) as ScanRow[],
    acceptedInOpen: (shipmentId: string) => (q.acceptedOpen.get(shipmentId) as string | undefined) ?? null,
    closedParcels: (handoverId: string) => q.closedParcels.all(handoverId) as ClosedParcelRow[],
    closedCounts: (handoverId: string) => q.counts.get(handoverId) as CountsRow,
    user: (id: string) => (q.user.get(id) as { name: string; benchOf: string | null } | undefined) ?? null,
    /** One of the shop's order numbers (订单编号), as scanned off a slip instead of the label. */
    isOrderNumber: (code: string) => q.isOrder.get(code) !== undefined,
  };
}
export type HandoverRepo = ReturnType<typeof createHandoverRepo>;
