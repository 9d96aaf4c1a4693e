import type { Db } from '../db/open-database';
import { AWAITING_HANDOVER, handoversSince, leftAt } from '../guard/ship-time.sql';

/**
 * The dashboard's reads, each over an indexed time range of tables every bench holds alike once
 * synced (parcels, scans and damage reports from every bench; orders from every import). Days and
 * hours are Beijing time: SQLite shifts the stored UTC ISO text by +8 hours before taking them.
 */
export function createDashboardRepo(db: Db) {
  const since = handoversSince(db);
  // A parcel that was voided never left.
  const LIVE_IN_RANGE = 'created_at >= @from AND created_at < @to AND voided_at IS NULL';
  // Orders that became shipped in the range, each with that moment: its first live complete (not
  // partial) parcel, the one that turns pack_state to 'shipped' (orders.repo refreshPackState). A
  // partial parcel alone ships nothing, so the figure is the Orders screen's 已发货 one; an earlier
  // complete parcel (a reship today of an order shipped last week) means it was shipped before.
  // `+o.pack_state` keeps the planner off the state index: the range's parcels (shipments_created)
  // are few, where walking every shipped order of a big station would read hundreds of thousands.
  const SHIPPED_IN_RANGE = `SELECT s.order_id, min(s.created_at) AS at, s.packer_id FROM shipments s JOIN orders o ON o.id = s.order_id
    WHERE s.created_at >= @from AND s.created_at < @to AND s.voided_at IS NULL AND s.partial = 0 AND +o.pack_state = 'shipped'
      AND NOT EXISTS (SELECT 1 FROM shipments e WHERE e.order_id = s.order_id AND e.voided_at IS NULL AND e.partial = 0 AND e.created_at < @from)
    GROUP BY s.order_id`;
  const q = {
    shippedByDay: db.prepare(`SELECT date(at, '+8 hours') AS day, count(*) AS n FROM (${SHIPPED_IN_RANGE}) GROUP BY day`),
    shippedByHour: db.prepare(`SELECT CAST(strftime('%H', at, '+8 hours') AS INTEGER) AS hour, count(*) AS n FROM (${SHIPPED_IN_RANGE}) GROUP BY hour`),
    // Partly shipped: a live partial parcel left in the range and the order still waits for the rest,
    // shown beside the shipped figure so a part shipment is neither counted as shipped nor hidden.
    shipped: db.prepare(`SELECT (SELECT count(*) FROM (${SHIPPED_IN_RANGE})) AS orders,
      (SELECT count(DISTINCT s.order_id) FROM shipments s JOIN orders o ON o.id = s.order_id
        WHERE s.created_at >= @from AND s.created_at < @to AND s.voided_at IS NULL AND s.partial = 1 AND +o.pack_state = 'open') AS partial,
      (SELECT count(*) FROM shipments WHERE ${LIVE_IN_RANGE}) AS parcels,
      (SELECT count(*) FROM shipments WHERE ${LIVE_IN_RANGE} AND handed_over_at IS NOT NULL) AS handedOver,
      EXISTS (SELECT 1 FROM shipments WHERE handed_over_at IS NOT NULL) AS handsOver`),
    // Orders whose first live parcel left in the range, after their deadline (left: handed over, once the shop hands over).
    shippedLate: db.prepare(`SELECT count(*) FROM (SELECT s.order_id, min(${leftAt('s')}) AS first FROM shipments s
        WHERE s.voided_at IS NULL AND s.order_id IN (SELECT order_id FROM shipments WHERE ${LIVE_IN_RANGE}
          OR (handed_over_at >= @from AND handed_over_at < @to AND voided_at IS NULL)) GROUP BY s.order_id) f
      JOIN orders o ON o.id = f.order_id WHERE f.first >= @from AND f.first < @to AND f.first > o.ship_deadline`).pluck(),
    awaiting: db.prepare("SELECT count(*) FROM orders WHERE pack_state = 'open' AND blocked_reason IS NULL").pluck(),
    late: db.prepare("SELECT count(*) FROM orders WHERE pack_state = 'open' AND blocked_reason IS NULL AND ship_deadline < @now").pluck(),
    // Packed, past the deadline, and not handed to the courier: late as well, the platform has no parcel.
    lateOnBench: db.prepare(`SELECT count(*) FROM (${AWAITING_HANDOVER})`).pluck(),
    // Due that day, and not on its way by then: shipped after it, or still open (and shippable) now.
    lateByDay: db.prepare(`SELECT date(o.ship_deadline, '+8 hours') AS day, count(*) AS n FROM orders o
      WHERE o.pack_state IN ('open', 'shipped') AND o.ship_deadline >= @from AND o.ship_deadline < @now
        AND NOT (o.pack_state = 'open' AND o.blocked_reason IS NOT NULL)
        AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id AND s.voided_at IS NULL AND ${leftAt('s')} <= o.ship_deadline)
      GROUP BY day`),
    // A packer's shipped orders: those their parcel completed (SQLite takes packer_id from the min row), as the tile counts them.
    packerOrders: db.prepare(`SELECT packer_id AS packerId, count(*) AS n FROM (${SHIPPED_IN_RANGE}) GROUP BY packer_id`),
    scans: db.prepare(`SELECT packer_id AS packerId, order_id AS orderId, outcome, units, at FROM scan_events
      WHERE at >= @from AND at < @to ORDER BY packer_id, at, id`),
    carriers: db.prepare(`SELECT carrier_code AS carrierCode, count(*) AS parcels FROM shipments WHERE ${LIVE_IN_RANGE}
      GROUP BY carrier_code ORDER BY parcels DESC, carrier_code`),
    damage: db.prepare(`SELECT date(r.reported_at, '+8 hours') AS day, r.reason, r.sku_code AS skuCode, k.name, r.qty, s.carrier_code AS carrierCode
      FROM damage_reports r LEFT JOIN shipments s ON s.id = r.shipment_id LEFT JOIN skus k ON k.code = r.sku_code
      WHERE r.reported_at >= @from AND r.reported_at < @to`),
    user: db.prepare('SELECT name, bench_of AS benchOf FROM users WHERE id = ?'),
    doubleShipped: db.prepare(`SELECT count(DISTINCT order_id) FROM flags WHERE kind = 'ship.double' AND resolution IS NULL AND order_id IS NOT NULL`).pluck(),
    // A user this bench never heard of (another bench's own): the bench their parcels came from.
    userStation: db.prepare('SELECT station_id FROM shipments WHERE packer_id = ? AND station_id IS NOT NULL LIMIT 1').pluck(),
  };
  type Range = { from: string; to: string };
  type Counted<K extends string> = Record<K, string> & { n: number };
  return {
    shippedByDay: (r: Range) => q.shippedByDay.all(r) as Counted<'day'>[],
    shippedByHour: (r: Range) => q.shippedByHour.all(r) as { hour: number; n: number }[],
    /** handedOver: the range's parcels a courier took, null for a shop that never handed a parcel over (index shipments_handed_over). */
    shipped: (r: Range) => {
      const row = q.shipped.get(r) as { orders: number; partial: number; parcels: number; handedOver: number; handsOver: number };
      return { orders: row.orders, partial: row.partial, parcels: row.parcels, handedOver: row.handsOver === 1 ? row.handedOver : null };
    },
    shippedLate: (r: Range) => q.shippedLate.get({ ...r, since: since() }) as number,
    awaiting: () => q.awaiting.get() as number,
    /** Orders with an open ship.double conflict (index flags_open_order). */
    doubleShipped: () => q.doubleShipped.get() as number,
    /** Open past the deadline, and packed past it but not handed over. */
    late: (now: string) => (q.late.get({ now }) as number) + (q.lateOnBench.get({ now, until: now, since: since() }) as number),
    lateByDay: (from: string, now: string) => q.lateByDay.all({ from, now, since: since() }) as Counted<'day'>[],
    packerOrders: (r: Range) => q.packerOrders.all(r) as { packerId: string | null; n: number }[],
    scans: (r: Range) => q.scans.iterate(r) as IterableIterator<{ packerId: string | null; orderId: string | null; outcome: string; units: number; at: string }>,
    carriers: (r: Range) => q.carriers.all(r) as { carrierCode: string; parcels: number }[],
    damage: (r: Range) =>
      q.damage.all(r) as { day: string; reason: string; skuCode: string; name: string | null; qty: number; carrierCode: string | null }[],
    user: (id: string) => (q.user.get(id) as { name: string; benchOf: string | null } | undefined) ?? null,
    userStation: (id: string) => (q.userStation.get(id) as string | undefined) ?? null,
  };
}
export type DashboardRepo = ReturnType<typeof createDashboardRepo>;
