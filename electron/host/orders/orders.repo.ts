import type { LatticeStatus } from '#shared/domain/order-lattice';
import type { ImportedOrder, Order, OrderLine, OrderSort, OrderSummary, PlatformStatus, SortDir } from '#shared/contract/orders.contract';
import type { Message } from '#shared/i18n/message';
import { HOLD_KEY, holdMessage } from '#shared/domain/void-hold';
import { messageFromColumn, messageToColumn, UNREADABLE_BLOCK } from '../db/message-column';
import type { Db } from '../db/open-database';

type OrderRow = {
  id: string; platform: string; external_id: string; platform_status: PlatformStatus | ''; buyer_nick: string;
  receiver_name: string; receiver_mobile: string; receiver_phone: string; province: string; city: string;
  district: string; address_detail: string; zip: string; buyer_message: string; seller_memo: string;
  paid_fen: number | null; postage_fen: number | null; created_at: string | null; paid_at: string | null;
  ship_deadline: string | null; carrier_name: string; tracking_no: string; pack_state: 'open' | 'shipped';
  blocked_reason: string | null; content_hash: string; imported_at: string; updated_at: string; delivered_at: string | null;
};
type LineRow = {
  line_no: number; sub_order_id: string | null; sku_code: string | null; title: string; props: string | null;
  qty: number; price_fen: number | null; refund_status: string | null;
};

export const orderIdFor = (platform: string, externalId: string) => `${platform}:${externalId}`;

/**
 * The sort keys as SQL, each exactly the expression of an index (0001 orders_external_id, 0008
 * orders_deadline_sort and orders_paid_at), so a page is read in index order, not sorted from a
 * million rows. An order with no deadline sorts after every dated one. Fixed fragments only: the
 * request picks one by name, and no input reaches the SQL text.
 */
const sortColumns: Readonly<Record<OrderSort, string>> = {
  deadline: "coalesce(o.ship_deadline, '9999')",
  paidAt: 'o.paid_at',
  externalId: 'o.external_id',
};
/**
 * Parcels a closed handover listed missing (少件) that are still not handed over, and live: what the
 * order's parcels say too (a resolved inbox row is a note, not the parcel leaving). `hp.state <> 'accepted'`
 * lets SQLite use the partial index handover_parcels_flagged.
 */
const LEFT_BEHIND = `handover_parcels hp JOIN shipments s ON s.id = hp.shipment_id
  WHERE hp.state = 'missing' AND hp.state <> 'accepted' AND s.voided_at IS NULL AND s.handed_over_at IS NULL`;
/** Above this many matching orders a page is read by walking the sort's index (see list). */
const SORT_WALK_MIN_MATCHES = 100_000;
export const orderBy = (sort: OrderSort, dir: SortDir) => {
  const d = dir === 'desc' ? 'DESC' : 'ASC';
  return `${sortColumns[sort]} ${d}, o.rowid ${d}`;
};

/** What the store adds to an imported order: its id, the effective deadline, the block and the change detector. */
export type OrderDerived = { id: string; shipDeadline: string | null; blockedReason: Message | null; contentHash: string; at: string };

export function createOrdersRepo(db: Db) {
  const q = {
    byId: db.prepare('SELECT * FROM orders WHERE id = ?'),
    byExternalId: db.prepare('SELECT * FROM orders WHERE external_id = ? LIMIT 2'),
    // A waybill pre-printed by the platform (its export's 运单号): the repeated <> '' lets SQLite use the
    // partial index orders_tracking_no (without it, every unknown code scanned read the whole table).
    byTracking: db.prepare("SELECT * FROM orders WHERE tracking_no = @code AND tracking_no <> '' LIMIT 1"),
    // …or one fetched by 取号 and printed before picking.
    byFetched: db.prepare(`SELECT o.* FROM provider_waybills w JOIN orders o ON o.id = w.order_id
      WHERE w.tracking_no = @code AND w.cancel_state IS NULL LIMIT 1`),
    hashOf: db.prepare("SELECT content_hash, nullif(platform_status, '') AS platform_status, ship_deadline FROM orders WHERE id = ?"),
    lines: db.prepare('SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_no'),
    // Positional parameters: twice as fast as named ones on the import path (measured). Plain `?`
    // only: better-sqlite3 takes `?NNN` for named parameters and rejects a positional list.
    // A status the file did not say (null) is stored as '' (UNKNOWN_STATUS): the column has been NOT NULL
    // since 0001, and making it nullable would rebuild the table (~45 s at a 1M-order station).
    insert: db.prepare(`INSERT INTO orders (platform, external_id, platform_status, buyer_nick, receiver_name,
      receiver_mobile, receiver_phone, province, city, district, address_detail, zip, buyer_message, seller_memo,
      paid_fen, postage_fen, created_at, paid_at, ship_deadline, carrier_name, tracking_no, blocked_reason,
      content_hash, imported_at, updated_at, id) VALUES (?, ?, coalesce(?, ''), ${Array(23).fill('?').join(', ')})`),
    // The insert's parameters minus imported_at, so the first import time stays. A file that did not
    // say the status (null) leaves the one an earlier import gave.
    update: db.prepare(`UPDATE orders SET platform = ?, external_id = ?, platform_status = coalesce(?, platform_status), buyer_nick = ?,
      receiver_name = ?, receiver_mobile = ?, receiver_phone = ?, province = ?, city = ?, district = ?,
      address_detail = ?, zip = ?, buyer_message = ?, seller_memo = ?, paid_fen = ?, postage_fen = ?,
      created_at = ?, paid_at = ?, ship_deadline = ?, carrier_name = ?, tracking_no = ?,
      blocked_reason = ?, content_hash = ?, updated_at = ? WHERE id = ?`),
    deleteLines: db.prepare('DELETE FROM order_lines WHERE order_id = ?'),
    codedLines: db.prepare('SELECT line_no AS lineNo, sku_code AS skuCode, title FROM order_lines WHERE order_id = ? AND sku_code IS NOT NULL'),
    lineSku: db.prepare('SELECT sku_code FROM order_lines WHERE order_id = ? AND line_no = ?').pluck(),
    bindLine: db.prepare('UPDATE order_lines SET sku_code = ? WHERE order_id = ? AND line_no = ?'),
    insertLine: db.prepare(`INSERT INTO order_lines (order_id, line_no, sub_order_id, sku_code, title, props, qty,
      price_fen, refund_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    refreshPackState: db.prepare(`UPDATE orders SET updated_at = @at, pack_state = CASE WHEN EXISTS (
      SELECT 1 FROM shipments WHERE order_id = @id AND voided_at IS NULL AND partial = 0) THEN 'shipped' ELSE 'open' END,
      live_parcel = EXISTS (SELECT 1 FROM shipments WHERE order_id = @id AND voided_at IS NULL) WHERE id = @id`),
    // Delivered while shipped and every live parcel's tracking says delivered: the last delivery's time.
    refreshDelivered: db.prepare(`UPDATE orders SET delivered_at = CASE WHEN pack_state = 'shipped' AND NOT EXISTS (
        SELECT 1 FROM shipments s LEFT JOIN tracking_parcels t ON t.carrier_code = s.carrier_code AND t.tracking_no = s.tracking_no
        WHERE s.order_id = @id AND s.voided_at IS NULL AND t.delivered_at IS NULL)
      THEN (SELECT max(t.delivered_at) FROM shipments s JOIN tracking_parcels t ON t.carrier_code = s.carrier_code AND t.tracking_no = s.tracking_no
        WHERE s.order_id = @id AND s.voided_at IS NULL) END WHERE id = @id`),
    status: db.prepare('SELECT status_generation AS generation, status_rank AS rank FROM orders WHERE id = ?'),
    setStatus: db.prepare('UPDATE orders SET status_generation = @generation, status_rank = @rank WHERE id = @id'),
    count: db.prepare('SELECT count(*) FROM orders').pluck(),
    // The voids that hold the order (index shipments_void_holds), the latest first.
    holds: db.prepare(`SELECT id, tracking_no AS trackingNo, voided_at AS voidedAt FROM shipments
      WHERE order_id = ? AND void_holds = 1 AND hold_released_at IS NULL ORDER BY voided_at DESC, id DESC`),
    setHold: db.prepare(`UPDATE orders SET blocked_reason = @reason WHERE id = @id
      AND (blocked_reason IS NULL OR blocked_reason GLOB '{"key":"${HOLD_KEY}"*') AND blocked_reason IS NOT @reason`),
  };
  const holds = (id: string) => q.holds.all(id) as { id: string; trackingNo: string; voidedAt: string }[];
  const holdOf = (id: string): Message | null => {
    const latest = holds(id)[0];
    return latest ? holdMessage(latest.trackingNo) : null;
  };

  const toOrder = (row: OrderRow): Order => ({
    id: row.id,
    platform: row.platform,
    externalId: row.external_id,
    platformStatus: statusOf(row.platform_status),
    buyerNick: row.buyer_nick,
    receiver: {
      name: row.receiver_name, mobile: row.receiver_mobile, phone: row.receiver_phone, province: row.province,
      city: row.city, district: row.district, detail: row.address_detail, zip: row.zip,
    },
    buyerMessage: row.buyer_message,
    sellerMemo: row.seller_memo,
    paidFen: row.paid_fen,
    postageFen: row.postage_fen,
    createdAt: row.created_at,
    paidAt: row.paid_at,
    shipDeadline: row.ship_deadline,
    carrierName: row.carrier_name,
    trackingNo: row.tracking_no,
    packState: row.pack_state,
    deliveredAt: row.delivered_at,
    blockedReason: messageFromColumn(row.blocked_reason, UNREADABLE_BLOCK),
    importedAt: row.imported_at,
    updatedAt: row.updated_at,
    lines: (q.lines.all(row.id) as LineRow[]).map(toLine),
  });

  return {
    get: (id: string): Order | null => {
      const row = q.byId.get(id) as OrderRow | undefined;
      return row ? toOrder(row) : null;
    },
    /** Orders whose platform id, or pre-printed waybill number, equals the scanned code. */
    findByCode(code: string): Order[] {
      const rows = q.byExternalId.all(code) as OrderRow[];
      if (rows.length > 0) return rows.map(toOrder);
      const byTracking = (q.byTracking.get({ code }) ?? q.byFetched.get({ code })) as OrderRow | undefined;
      return byTracking ? [toOrder(byTracking)] : [];
    },
    /** An order by our id, or by what people type or scan for it (platform number, waybill). */
    byRef(ref: string): Order | null {
      return this.get(ref) ?? this.findByCode(ref)[0] ?? null;
    },
    stored: (id: string) => q.hashOf.get(id) as { content_hash: string; platform_status: PlatformStatus | null; ship_deadline: string | null } | undefined,
    /**
     * Writes one order and its lines; the caller owns the transaction. The derived fields come
     * separately so the import path need not copy every order into a new object.
     */
    write(o: ImportedOrder, d: OrderDerived, exists: boolean): void {
      const r = o.receiver;
      let bound: Map<number, { skuCode: string; title: string }> | null = null;
      if (exists) {
        // A line a supervisor bound to a SKU (order.line-bound) keeps it when the export still has no
        // 商家编码 for it and the line is the same product.
        if (o.lines.some((l) => l.skuCode === null)) {
          bound = new Map((q.codedLines.all(d.id) as { lineNo: number; skuCode: string; title: string }[]).map((l) => [l.lineNo, l]));
        }
        q.update.run(
          o.platform, o.externalId, o.platformStatus, o.buyerNick, r.name, r.mobile, r.phone, r.province, r.city,
          r.district, r.detail, r.zip, o.buyerMessage, o.sellerMemo, o.paidFen, o.postageFen, o.createdAt, o.paidAt,
          d.shipDeadline, o.carrierName, o.trackingNo, messageToColumn(d.blockedReason), d.contentHash, d.at, d.id,
        );
        q.deleteLines.run(d.id);
      } else {
        q.insert.run(
          o.platform, o.externalId, o.platformStatus, o.buyerNick, r.name, r.mobile, r.phone, r.province, r.city,
          r.district, r.detail, r.zip, o.buyerMessage, o.sellerMemo, o.paidFen, o.postageFen, o.createdAt, o.paidAt,
          d.shipDeadline, o.carrierName, o.trackingNo, messageToColumn(d.blockedReason), d.contentHash, d.at, d.at, d.id,
        );
      }
      for (const l of o.lines) {
        const kept = l.skuCode === null ? bound?.get(l.lineNo) : undefined;
        const skuCode = l.skuCode ?? (kept?.title === l.title ? kept.skuCode : null);
        q.insertLine.run(d.id, l.lineNo, l.subOrderId, skuCode, l.title, l.props, l.qty, l.priceFen, l.refundStatus);
      }
    },
    /** The SKU code a line holds now (from the export or bound at a bench); undefined when there is no such line. */
    lineSku: (orderId: string, lineNo: number) => q.lineSku.get(orderId, lineNo) as string | null | undefined,
    /** Writes an order.line-bound: the line is that SKU from now on. The applier's writer only. */
    bindLine: (orderId: string, lineNo: number, skuCode: string) => q.bindLine.run(skuCode, orderId, lineNo).changes > 0,
    /**
     * Shipped while a complete (not partial) parcel of the order is live, and whether any parcel is
     * live (a partial one too: the inbox's stops). Derived from the parcels,
     * which every station ends up holding alike, so all stations agree whatever order ops came in.
     */
    refreshPackState: (id: string, at: string) => {
      q.refreshPackState.run({ id, at });
      q.refreshDelivered.run({ id });
    },
    /** Delivered while every live parcel of the shipped order is (tracking_parcels); also derived, so every bench agrees. */
    refreshDelivered: (id: string) => void q.refreshDelivered.run({ id }),
    /** The order's place in the status lattice (shared/domain/order-lattice). */
    status: (id: string) => (q.status.get(id) as LatticeStatus | undefined) ?? null,
    setStatus: (id: string, s: LatticeStatus) => q.setStatus.run({ id, ...s }),
    count: () => q.count.get() as number,
    /** The parcels voided as 订单取消/退款 that hold the order until a supervisor's 恢复发货, the latest first. */
    holds,
    /** The block a hold gives the order (null: none holds it); the import keeps it under the platform's own block. */
    holdOf,
    /**
     * Sets the order's block from its holds, derived from the voids and releases every station holds
     * alike; a platform's block (an import's) stands, and is neither replaced nor lifted here.
     */
    refreshHold: (id: string) => void q.setHold.run({ id, reason: messageToColumn(holdOf(id)) }),
    list(filter: { query: string; state: string; sort?: OrderSort; dir?: SortDir; limit: number; offset: number; now: string; until?: string }) {
      const where: string[] = [];
      const params: Record<string, unknown> = { limit: filter.limit, offset: filter.offset, now: filter.now, until: filter.until ?? filter.now };
      const text = filter.query.trim();
      if (/^\d+$/.test(text)) {
        Object.assign(params, { lo: text, hi: `${text}\uffff`, text });
        const begins = '(external_id >= @lo AND external_id < @hi OR tracking_no = @text)';
        // The id's beginning by its index; when no id begins so, its last digits (尾号, what people
        // read off a label or a chat) or any part of it, reading every order (~0.1 s at 1M orders).
        const partOf = text.length >= 4 && db.prepare(`SELECT 1 FROM orders WHERE ${begins} LIMIT 1`).get(params) === undefined;
        where.push(partOf ? '(instr(external_id, @text) > 0 OR tracking_no = @text)' : begins);
      } else if (text) {
        // A mapped CSV's order ids may hold letters (M-1001): typed whole, they find the order.
        where.push('(external_id = @text OR buyer_nick LIKE @like OR receiver_name LIKE @like OR tracking_no = @text)');
        Object.assign(params, { like: `%${text.replace(/[%_]/g, '')}%`, text });
      }
      // Fixed fragments only: the filter chooses among them, no input reaches the SQL text. `p`
      // prefixes the state column with '+' to keep the planner off the state index (below).
      const stateClause = (p: string): Record<string, string> => ({
        open: `${p}pack_state = 'open' AND blocked_reason IS NULL`,
        shipped: `${p}pack_state = 'shipped'`,
        delivered: `${p}pack_state = 'shipped' AND delivered_at IS NOT NULL`,
        blocked: `${p}pack_state = 'open' AND blocked_reason IS NOT NULL`,
        late: `${p}pack_state = 'open' AND blocked_reason IS NULL AND ship_deadline < @now`,
        // The guard's lists: the bound (risk hours, or the pickup after next) is the handler's.
        'at-risk': `${p}pack_state = 'open' AND blocked_reason IS NULL AND ship_deadline < @until`,
        pickup: `${p}pack_state = 'open' AND blocked_reason IS NULL AND ship_deadline < @until`,
        // Few at any time: read from the handover's flagged parcels (index handover_parcels_flagged), each order by
        // its key; '+' keeps the planner off the state index, which would read every shipped order.
        'handover-missing': `+pack_state = 'shipped' AND id IN (SELECT s.order_id FROM ${LEFT_BEHIND})`,
      });
      const whereOf = (p: string) => {
        const clause = stateClause(p)[filter.state];
        const all = clause ? [...where, clause] : where;
        return all.length ? `WHERE ${all.join(' AND ')}` : '';
      };
      const total = db.prepare(`SELECT count(*) FROM orders ${whereOf('')}`).pluck().get(params) as number;
      // Many matches: reading the sort's index in order and skipping the rest finds a page at once.
      // Few: the state index finds them and they are sorted (a sort of 900,000 shipped orders took
      // 5 s where the index walk took 70 ms; a walk for a few matches would read every order).
      const walkSortIndex = total > SORT_WALK_MIN_MATCHES;
      const rows = db
        .prepare(`SELECT o.*, (SELECT coalesce(sum(qty), 0) FROM order_lines l WHERE l.order_id = o.id) AS item_count,
          (SELECT count(*) FROM pack_clips c WHERE c.order_id = o.id) AS clip_count,
          EXISTS (SELECT 1 FROM shipments s JOIN tracking_parcels t ON t.carrier_code = s.carrier_code AND t.tracking_no = s.tracking_no
            WHERE s.order_id = o.id AND s.voided_at IS NULL AND t.state = 'returned') AS returned,
          EXISTS (SELECT 1 FROM ${LEFT_BEHIND} AND s.order_id = o.id) AS handover_missing
          FROM orders o ${whereOf(walkSortIndex ? '+' : '')} ORDER BY ${orderBy(filter.sort ?? 'deadline', filter.dir ?? 'asc')} LIMIT @limit OFFSET @offset`)
        .all(params) as SummaryRow[];
      return { total, orders: rows.map(toSummary) };
    },
  };
}
export type OrdersRepo = ReturnType<typeof createOrdersRepo>;

/** The stored status: '' is one the file did not say. */
const statusOf = (stored: PlatformStatus | ''): PlatformStatus | null => (stored === '' ? null : stored);

const toLine = (row: LineRow): OrderLine => ({
  lineNo: row.line_no, subOrderId: row.sub_order_id, skuCode: row.sku_code, title: row.title, props: row.props,
  qty: row.qty, priceFen: row.price_fen, refundStatus: row.refund_status,
});

type SummaryRow = OrderRow & { item_count: number; clip_count: number; returned: number; handover_missing: number };
const toSummary = (row: SummaryRow): OrderSummary => ({
  id: row.id, externalId: row.external_id, platformStatus: statusOf(row.platform_status), packState: row.pack_state, deliveredAt: row.delivered_at,
  blockedReason: messageFromColumn(row.blocked_reason, UNREADABLE_BLOCK), buyerNick: row.buyer_nick, receiverName: row.receiver_name,
  province: row.province, city: row.city, itemCount: row.item_count, shipDeadline: row.ship_deadline,
  paidAt: row.paid_at, buyerMessage: row.buyer_message, sellerMemo: row.seller_memo, clipCount: row.clip_count,
  returned: row.returned === 1, handoverMissing: row.handover_missing === 1,
});
