import { AppError } from '#shared/contract/errors';
import type { BenchRef } from '#shared/contract/common';
import type { DamageReason } from '#shared/contract/damage.contract';
import type { ReturnCondition, ReturnRecord } from '#shared/contract/returns.contract';
import { msg } from '#shared/i18n/message';
import type { Db } from '../db/open-database';
import { actorName, type OtherBench } from '../session/person-name';

type ReturnRow = {
  id: string; order_id: string | null; external_id: string | null; receiver_name: string | null; shipment_id: string | null; parcel_tracking: string | null;
  carrier_code: string | null; tracking_no: string | null; note: string; photo_hashes: string; station_id: string | null; receiver: string | null; receiver_bench: string | null; received_at: string;
  confirmed_by: string | null; confirmer: string | null; confirmer_bench: string | null;
};
type ItemRow = { sku_code: string; sku_name: string | null; qty: number; condition: ReturnCondition; reason: DamageReason | null };

// A return rests on someone's authority only when it was taken in although its order did not account for it (the
// op's role is a supervisor's only then): its authoriser is kept with the op, known by its time and who received it
// (not by its bench: a bench takes in many returns).
const CONFIRMER = `(SELECT p.authorized_by FROM authorized_ops p
  WHERE p.type = 'return.received' AND p.at = r.received_at AND p.user_id IS r.received_by LIMIT 1)`;
const SELECT = `SELECT r.id, r.order_id, o.external_id, o.receiver_name, r.shipment_id, s.tracking_no AS parcel_tracking, s.carrier_code, r.tracking_no,
    r.note, r.photo_hashes, r.station_id, u.name AS receiver, u.bench_of AS receiver_bench, r.received_at, ${CONFIRMER} AS confirmed_by,
    c.name AS confirmer, c.bench_of AS confirmer_bench
  FROM returns r LEFT JOIN orders o ON o.id = r.order_id LEFT JOIN shipments s ON s.id = r.shipment_id LEFT JOIN users u ON u.id = r.received_by
  LEFT JOIN users c ON c.id = ${CONFIRMER}`;
const FILTER = `(@filter = 'all' OR r.order_id IS NULL)`;

/** Returns as people read them: with their order, parcel, items, photos and the damage reports they made. */
export function createReturnsRepo(db: Db, benchRef: (stationId: string) => BenchRef, otherBench: OtherBench) {
  const q = {
    one: db.prepare(`${SELECT} WHERE r.id = ?`),
    page: db.prepare(`${SELECT} WHERE ${FILTER} ORDER BY r.received_at DESC, r.rowid DESC LIMIT @limit OFFSET @offset`),
    total: db.prepare(`SELECT count(*) FROM returns r WHERE ${FILTER}`).pluck(),
    items: db.prepare(`SELECT i.sku_code, k.name AS sku_name, i.qty, i.condition, i.reason FROM return_items i LEFT JOIN skus k ON k.code = i.sku_code
      WHERE i.return_id = ? ORDER BY i.item_no`),
    reports: db.prepare('SELECT id FROM damage_reports WHERE return_id = ? ORDER BY rowid').pluck(),
    ofOrder: db.prepare('SELECT id, received_at AS receivedAt FROM returns WHERE order_id = ? ORDER BY received_at'),
    backOf: db.prepare(`SELECT i.sku_code AS skuCode, sum(i.qty) AS qty FROM return_items i JOIN returns r ON r.id = i.return_id
      WHERE r.order_id = ? AND i.condition <> 'missing' GROUP BY i.sku_code`),
  };
  const toRecord = (r: ReturnRow): ReturnRecord => ({
    id: r.id, orderId: r.order_id, orderExternalId: r.external_id, receiverName: r.receiver_name, shipmentId: r.shipment_id,
    parcelTrackingNo: r.parcel_tracking, carrierCode: r.carrier_code, scanned: r.tracking_no, unknown: r.order_id === null,
    items: (q.items.all(r.id) as ItemRow[]).map((i) => ({ skuCode: i.sku_code, skuName: i.sku_name ?? '', qty: i.qty, condition: i.condition, reason: i.reason })),
    photos: JSON.parse(r.photo_hashes) as string[], note: r.note, bench: r.station_id === null ? null : benchRef(r.station_id),
    receivedBy: actorName(r.receiver, r.receiver_bench, otherBench, r.station_id), receivedAt: r.received_at,
    confirmedBy: r.confirmed_by === null ? null : actorName(r.confirmer, r.confirmer_bench, otherBench, r.station_id), damageReportIds: q.reports.all(r.id) as string[],
  });
  return {
    require(id: string): ReturnRecord {
      const row = q.one.get(id) as ReturnRow | undefined;
      if (!row) throw new AppError('NOT_FOUND', msg('returns.returnNotFound', { id }));
      return toRecord(row);
    },
    list(filter: { filter: 'all' | 'unknown'; limit: number; offset: number }) {
      return { total: q.total.get(filter) as number, returns: (q.page.all(filter) as ReturnRow[]).map(toRecord) };
    },
    ofOrder: (orderId: string) => q.ofOrder.all(orderId) as { id: string; receivedAt: string }[],
    /** Units per SKU earlier returns of the order brought back (good or defective). */
    backOf: (orderId: string) => new Map((q.backOf.all(orderId) as { skuCode: string; qty: number }[]).map((r) => [r.skuCode, r.qty])),
  };
}
