import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** A handover opened at any bench: every bench lists it, and may scan into it or close it. */
export function handoverOpenedApplier({ db, stationId }: ApplierDeps): Applier<'handover.opened'> {
  const insert = db.prepare(`INSERT INTO handovers (id, carrier_code, station_id, opened_by, opened_at)
    VALUES (@id, @carrierCode, @stationId, @userId, @at) ON CONFLICT (id) DO NOTHING`);
  return {
    apply(p, m) {
      insert.run({ ...p, stationId: m.own ? stationId() : m.author, userId: m.userId, at: m.at });
    },
  };
}
