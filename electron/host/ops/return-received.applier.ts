import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** A received return and its items: written once; the hub's place only confirms it. */
export function returnReceivedApplier({ db, stationId }: ApplierDeps): Applier<'return.received'> {
  const q = {
    insert: db.prepare(`INSERT INTO returns (id, order_id, shipment_id, tracking_no, note, photo_hashes, station_id, received_by, received_at, hub_seq)
      VALUES (@id, @orderId, @shipmentId, @trackingNo, @note, @photoHashes, @stationId, @userId, @at, @hubSeq)
      ON CONFLICT (id) DO UPDATE SET hub_seq = excluded.hub_seq`),
    item: db.prepare(`INSERT INTO return_items (return_id, item_no, sku_code, qty, condition, reason) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (return_id, item_no) DO NOTHING`),
    confirm: db.prepare('UPDATE returns SET hub_seq = ? WHERE id = ?'),
  };
  return {
    apply(p, m) {
      q.insert.run({
        id: p.id, orderId: p.orderId, shipmentId: p.shipmentId, trackingNo: p.trackingNo, note: p.note, photoHashes: JSON.stringify(p.photoHashes),
        stationId: m.own ? stationId() : m.author, userId: m.userId, at: m.at, hubSeq: m.hubSeq,
      });
      p.items.forEach((i, n) => q.item.run(p.id, n + 1, i.skuCode, i.qty, i.condition, i.reason));
    },
    confirm: (p, m) => void q.confirm.run(m.hubSeq, p.id),
  };
}
