import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** A scan into a handover, kept as it was judged where it was scanned (evidence, never re-judged). */
export function handoverScannedApplier({ db, stationId }: ApplierDeps): Applier<'handover.scanned'> {
  const insert = db.prepare(`INSERT INTO handover_scans (id, handover_id, code, shipment_id, outcome, station_id, scanned_by, at)
    VALUES (@id, @handoverId, @code, @shipmentId, @outcome, @stationId, @userId, @at) ON CONFLICT (id) DO NOTHING`);
  return {
    apply(p, m) {
      insert.run({ ...p, stationId: m.own ? stationId() : m.author, userId: m.userId, at: m.at });
    },
  };
}
