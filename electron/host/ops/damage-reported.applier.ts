import { reshipRequestWriter } from '../reship/reship-requests';
import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

export function damageReportedApplier({ db, stationId }: ApplierDeps): Applier<'damage.reported'> {
  const q = {
    insert: db.prepare(`INSERT INTO damage_reports (id, order_id, shipment_id, sku_code, qty, reason, source, description, weight_g, photo_hashes,
        return_id, station_id, reported_by, reported_at, hub_seq)
      VALUES (@id, @orderId, @shipmentId, @skuCode, @qty, @reason, @source, @note, @weightG, @photoHashes,
        @returnId, @stationId, @userId, @at, @hubSeq) ON CONFLICT (id) DO UPDATE SET hub_seq = excluded.hub_seq`),
    confirm: db.prepare('UPDATE damage_reports SET hub_seq = ? WHERE id = ?'),
  };
  // A reship decided before the report reached this bench (a hub restore reorders them) opens now.
  const openReship = reshipRequestWriter(db);
  return {
    apply(p, m) {
      q.insert.run({
        ...p, photoHashes: JSON.stringify(p.photoHashes), stationId: m.own ? stationId() : m.author, userId: m.userId, at: m.at, hubSeq: m.hubSeq,
      });
      openReship(p.id);
    },
    confirm: (p, m) => void q.confirm.run(m.hubSeq, p.id),
  };
}
