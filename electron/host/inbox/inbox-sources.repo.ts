import type { Db } from '../db/open-database';

/**
 * The inbox reads what is already kept for other reasons (flags, damage reports, the audit log,
 * orders and parcels) plus the bench exceptions and resolutions (migration 0012). Every read is
 * bounded by `cap` rows, so counting stays cheap however big the shop's tables grow: a kind with
 * more than the cap shows as "cap+".
 */

/**
 * Orders cancelled or refunded that have a live parcel: the partial index orders_stop_watch
 * (migration 0026) holds exactly these, and SQLite uses it only when the query repeats its WHERE
 * word for word.
 */
export const STOP_BLOCKS = `(blocked_reason GLOB '{"key":"blocked.reasons.TRADE_CLOSED*' OR blocked_reason GLOB '{"key":"blocked.refundPending"*')`;
const STOP_WATCH = `${STOP_BLOCKS} AND live_parcel = 1`;

/** Gated bench actions a supervisor looks at afterwards, and the inbox kind each is listed as. */
export const AUDITED = { 'bench.forceVerify': 'force-verify', 'catalog.bindBarcode': 'barcode-bound', 'bench.bindLine': 'barcode-bound' } as const;

export type FlagRow = { flag_id: string; kind: string; order_id: string | null; external_id: string | null; station_ids: string; detail: string; raised_at: string };
export type DamageRow = {
  id: string; order_id: string | null; external_id: string | null; tracking_no: string | null; sku_code: string; sku_name: string | null; qty: number;
  reason: string; description: string; station_id: string | null; reported_by: string | null; reported_at: string; photo_hashes: string;
  /** The number the return that made it was scanned by. */
  return_scanned: string | null;
};
export type AuditRow = { id: string; at: string; user_id: string | null; authorizer_id: string | null; action: keyof typeof AUDITED; target: string; detail: string; station_id: string | null; external_id: string | null };
/** A name's phone login the hub's desk locked after wrong PINs (session.deskLocked); its detail says the name and counts. */
export type DeskLockRow = { id: string; at: string; detail: string };
export type ExceptionRow = { id: string; kind: string; order_id: string | null; external_id: string | null; tracking_no: string | null; ref: string | null; detail: string; station_id: string; at: string };
export type DeadlineRow = { id: string; external_id: string; ship_deadline: string };
export type StopRow = { id: string; external_id: string; blocked_reason: string; updated_at: string; tracking_no: string; carrier_code: string };
/** A parcel a handover recorded as missing or kept back, still neither handed over nor voided. */
export type HandoverParcelRow = {
  shipment_id: string; handover_id: string; order_id: string; external_id: string; tracking_no: string; carrier_code: string;
  closed_at: string; courier_name: string | null; closed_station: string | null; blocked_reason: string | null;
};
/** An order awaiting shipment whose last 取号 at this bench failed, and a cancel still queued long after it was asked. */
export type WaybillFetchRow = { order_id: string; external_id: string; provider: string; message: string; attempts: number; at: string };
export type WaybillCancelRow = { tracking_no: string; order_id: string; external_id: string | null; carrier_code: string; cancel_requested_at: string; cancel_attempts: number; cancel_error: string | null };
/** A live parcel of an order two benches shipped, a claim's holder, a damage report's decisions in the order they stand (the last in force). */
export type LiveParcelRow = { id: string; tracking_no: string; carrier_code: string; station_id: string | null; packer_id: string | null; created_at: string };
export type ClaimHolderRow = { station_id: string; packer_id: string | null };
export type ReportRefRow = { sku_code: string; qty: number; tracking_no: string | null };
export type DecisionRefRow = { decision: string; decided_by: string | null };
export type ResolutionRow = { key: string; kind: string; note: string; resolved_by: string | null; station_id: string; at: string };

const HERE = `(SELECT value FROM meta WHERE key = 'station_id')`;

export function createInboxSourcesRepo(db: Db) {
  const notResolved = (keyExpr: string) => `NOT EXISTS (SELECT 1 FROM inbox_resolutions ir WHERE ir.key = ${keyExpr})`;
  const q = {
    // The hub's ship.after-cancel flag asks to stop a parcel: once every parcel of its order is voided
    // (before or after the flag was raised, in whatever order the ops came) there is none left to stop.
    flags: db.prepare(`SELECT f.flag_id, f.kind, f.order_id, o.external_id, f.station_ids, f.detail, f.raised_at
      FROM flags f LEFT JOIN orders o ON o.id = f.order_id WHERE f.resolution IS NULL
        AND NOT (f.kind = 'ship.after-cancel' AND EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = f.order_id)
          AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = f.order_id AND s.voided_at IS NULL))
      ORDER BY f.hub_seq DESC LIMIT @cap`),
    flag: db.prepare('SELECT flag_id, resolution FROM flags WHERE flag_id = ?'),
    damage: db.prepare(`SELECT r.id, r.order_id, o.external_id, s.tracking_no, r.sku_code, k.name AS sku_name, r.qty, r.reason, r.description,
        r.station_id, r.reported_by, r.reported_at, r.photo_hashes, (SELECT t.tracking_no FROM returns t WHERE t.id = r.return_id) AS return_scanned
      FROM damage_reports r LEFT JOIN orders o ON o.id = r.order_id LEFT JOIN shipments s ON s.id = r.shipment_id LEFT JOIN skus k ON k.code = r.sku_code
      WHERE NOT EXISTS (SELECT 1 FROM damage_decisions d WHERE d.report_id = r.id) ORDER BY r.rowid DESC LIMIT @cap`),
    audit: db.prepare(`SELECT a.id, a.at, a.user_id, a.authorizer_id, a.action, a.target, a.detail, a.station_id, o.external_id
      FROM audit_log a LEFT JOIN orders o ON o.id = a.target
      WHERE a.at >= @since AND a.action IN ('bench.forceVerify', 'catalog.bindBarcode', 'bench.bindLine') AND ${notResolved("'audit:' || a.id")}
      ORDER BY a.at DESC LIMIT @cap`),
    // The desk keeps a lock DESK_LOCK_MS (24 h); after that the row has nothing left to do.
    deskLocks: db.prepare(`SELECT a.id, a.at, a.detail FROM audit_log a
      WHERE a.action = 'session.deskLocked' AND a.at >= @since AND ${notResolved("'desk-locked:' || a.id")}
      ORDER BY a.at DESC LIMIT @cap`),
    exceptions: db.prepare(`SELECT e.id, e.kind, e.order_id, o.external_id, e.tracking_no, e.ref, e.detail, e.station_id, e.at
      FROM bench_exceptions e LEFT JOIN orders o ON o.id = e.order_id
      WHERE e.cleared_at IS NULL AND ${notResolved("'exception:' || e.id")} ORDER BY e.at DESC LIMIT @cap`),
    exception: db.prepare('SELECT id, cleared_at FROM bench_exceptions WHERE id = ?'),
    // Open, not blocked, due before `to`; late ones only for a day (the Orders screen's "late" lists the rest).
    deadlines: db.prepare(`SELECT o.id, o.external_id, o.ship_deadline FROM orders o
      WHERE o.pack_state = 'open' AND o.ship_deadline >= @from AND o.ship_deadline < @to AND o.blocked_reason IS NULL
        AND ${notResolved("'deadline:' || o.id")}
      ORDER BY o.ship_deadline LIMIT @cap`),
    // A live parcel of an order that turned cancelled or refund-pending lately; the hub's own flag for a
    // cancelled one (ship.after-cancel) is that order's row instead, open or resolved.
    stops: db.prepare(`SELECT o.id, o.external_id, o.blocked_reason, o.updated_at, s.tracking_no, s.carrier_code
      FROM orders o JOIN shipments s ON s.id = (SELECT id FROM shipments WHERE order_id = o.id AND voided_at IS NULL ORDER BY created_at DESC LIMIT 1)
      WHERE ${STOP_WATCH} AND o.updated_at >= @since
        AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.order_id = o.id AND f.kind = 'ship.after-cancel')
        AND ${notResolved("'stop:' || o.id")}
      ORDER BY o.updated_at DESC LIMIT @cap`),
    // The latest handover that left each parcel behind (bare columns come from the row of max()); a parcel
    // handed over or voided since is dealt with. Index handover_parcels_flagged holds only these rows.
    handoverParcels: db.prepare(`SELECT p.shipment_id, p.handover_id, max(h.closed_at) AS closed_at, h.courier_name, h.closed_station,
        s.order_id, o.external_id, s.tracking_no, s.carrier_code, o.blocked_reason
      FROM handover_parcels p JOIN handovers h ON h.id = p.handover_id JOIN shipments s ON s.id = p.shipment_id JOIN orders o ON o.id = s.order_id
      WHERE p.state = @state AND p.state <> 'accepted' AND s.handed_over_at IS NULL AND s.voided_at IS NULL
        AND ${notResolved("'handover-' || @state || ':' || p.shipment_id")}
      GROUP BY p.shipment_id ORDER BY closed_at DESC LIMIT @cap`),
    // Still worth a number: open, not blocked, and none ready (a later fetch that worked clears it too).
    // CROSS JOIN keeps the failures the outer loop: otherwise SQLite walks every open order (measured:
    // ~100 ms at 100k open orders, every time the top bar's counts were read).
    waybillFetch: db.prepare(`SELECT f.order_id, o.external_id, f.provider, f.message, f.attempts, f.at
      FROM waybill_fetch_failures f CROSS JOIN orders o ON o.id = f.order_id
      WHERE o.pack_state = 'open' AND o.blocked_reason IS NULL
        AND NOT EXISTS (SELECT 1 FROM provider_waybills w WHERE w.order_id = o.id AND w.parent_no IS NULL AND w.shipment_id IS NULL AND w.cancel_state IS NULL)
        AND ${notResolved("'waybill-fetch:' || f.order_id || ':' || f.at")}
      ORDER BY f.at DESC LIMIT @cap`),
    waybillCancels: db.prepare(`SELECT w.tracking_no, w.order_id, o.external_id, w.carrier_code, w.cancel_requested_at, w.cancel_attempts, w.cancel_error
      FROM provider_waybills w LEFT JOIN orders o ON o.id = w.order_id
      WHERE w.cancel_state = 'queued' AND w.cancel_requested_at < @before
        -- A multi-parcel child counts when its cancel goes alone (its parent shipped), not when its parent's carries it.
        AND (w.parent_no IS NULL OR NOT EXISTS (SELECT 1 FROM provider_waybills p WHERE p.tracking_no = w.parent_no AND p.cancel_state IS NOT NULL))
        AND ${notResolved("'waybill-cancel:' || w.tracking_no")}
      ORDER BY w.cancel_requested_at LIMIT @cap`),
    resolution: db.prepare('SELECT key, at FROM inbox_resolutions WHERE key = ?'),
    // Who closed each and on whose PIN comes from its authorised op (inbox-resolvers.ts).
    resolutions: db.prepare(`SELECT r.key, r.kind, r.note, r.resolved_by, r.station_id, r.at
      FROM inbox_resolutions r ORDER BY r.at DESC LIMIT @limit`),
    resolvedFlags: db.prepare(`SELECT flag_id, kind, order_id, station_ids, detail, resolution, resolved_at FROM flags
      WHERE resolution IS NOT NULL ORDER BY resolved_at DESC LIMIT @limit`),
    userName: db.prepare('SELECT name FROM users WHERE id = ?').pluck(),
    // A parcel packed here has no station_id (shipment-created.applier): it is this bench's.
    liveParcels: db.prepare(`SELECT id, tracking_no, carrier_code, coalesce(station_id, ${HERE}) AS station_id, packer_id, created_at FROM shipments
      WHERE order_id = ? AND voided_at IS NULL ORDER BY created_at, parcel_no LIMIT 20`),
    // Who packed at the claiming bench: the claim itself does not say, its parcel does.
    claimHolder: db.prepare(`SELECT c.station_id, (SELECT s.packer_id FROM shipments s WHERE s.order_id = c.order_id
          AND coalesce(s.station_id, ${HERE}) = c.station_id ORDER BY s.created_at LIMIT 1) AS packer_id
      FROM order_claims c WHERE c.order_id = ?`),
    // The same for a bench that claimed the order after the holder (a claim.conflict's second bench).
    packerAt: db.prepare(`SELECT packer_id FROM shipments WHERE order_id = ? AND coalesce(station_id, ${HERE}) = ? ORDER BY created_at LIMIT 1`).pluck(),
    report: db.prepare(`SELECT r.sku_code, r.qty, s.tracking_no FROM damage_reports r LEFT JOIN shipments s ON s.id = r.shipment_id WHERE r.id = ?`),
    // As the damage screen lists them: the hub's order, this bench's own not yet ordered last (in-force.ts).
    decisions: db.prepare(`SELECT decision, decided_by FROM damage_decisions WHERE report_id = ? ORDER BY hub_seq IS NULL, hub_seq, rowid LIMIT 20`),
    handover: db.prepare('SELECT id, carrier_code, opened_at, closed_by FROM handovers WHERE id = ?'),
  };
  return {
    openFlags: (cap: number) => q.flags.all({ cap }) as FlagRow[],
    flag: (flagId: string) => q.flag.get(flagId) as { flag_id: string; resolution: string | null } | undefined,
    openDamage: (cap: number) => q.damage.all({ cap }) as DamageRow[],
    audited: (since: string, cap: number) => q.audit.all({ since, cap }) as AuditRow[],
    deskLocks: (since: string, cap: number) => q.deskLocks.all({ since, cap }) as DeskLockRow[],
    openExceptions: (cap: number) => q.exceptions.all({ cap }) as ExceptionRow[],
    exception: (id: string) => q.exception.get(id) as { id: string; cleared_at: string | null } | undefined,
    deadlines: (from: string, to: string, cap: number) => q.deadlines.all({ from, to, cap }) as DeadlineRow[],
    stops: (since: string, cap: number) => q.stops.all({ since, cap }) as StopRow[],
    handoverParcels: (state: 'missing' | 'intercepted', cap: number) => q.handoverParcels.all({ state, cap }) as HandoverParcelRow[],
    waybillFetchFailures: (cap: number) => q.waybillFetch.all({ cap }) as WaybillFetchRow[],
    waybillCancelsStuck: (before: string, cap: number) => q.waybillCancels.all({ before, cap }) as WaybillCancelRow[],
    /** When a key was resolved, or undefined. */
    resolvedAt: (key: string) => (q.resolution.get(key) as { at: string } | undefined)?.at,
    resolutions: (limit: number) => q.resolutions.all({ limit }) as ResolutionRow[],
    resolvedFlags: (limit: number) =>
      q.resolvedFlags.all({ limit }) as { flag_id: string; kind: string; order_id: string | null; station_ids: string; detail: string; resolution: string; resolved_at: string }[],
    userName: (id: string) => (q.userName.get(id) as string | undefined) ?? null,
    liveParcels: (orderId: string) => q.liveParcels.all(orderId) as LiveParcelRow[],
    claimHolder: (orderId: string) => q.claimHolder.get(orderId) as ClaimHolderRow | undefined,
    /** Who packed the order at a bench (its first parcel there), or null. */
    packerAt: (orderId: string, stationId: string) => (q.packerAt.get(orderId, stationId) as string | null | undefined) ?? null,
    report: (id: string) => q.report.get(id) as ReportRefRow | undefined,
    decisions: (reportId: string) => q.decisions.all(reportId) as DecisionRefRow[],
    /** A handover as its number (交接单号) is made of, when this bench has heard of it. */
    handover: (id: string) => q.handover.get(id) as { id: string; carrier_code: string; opened_at: string; closed_by: string | null } | undefined,
  };
}
export type InboxSourcesRepo = ReturnType<typeof createInboxSourcesRepo>;
