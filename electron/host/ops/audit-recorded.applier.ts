import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** Who did a permission-gated action, who authorised it and at which bench, from every bench. */
export function auditRecordedApplier({ db }: ApplierDeps): Applier<'audit.recorded'> {
  const insert = db.prepare(`INSERT OR IGNORE INTO audit_log (id, at, user_id, authorizer_id, action, target, detail, station_id)
    VALUES (@id, @at, @userId, @authorizerId, @action, @target, @detail, @stationId)`);
  return { apply: (p, m) => void insert.run({ ...p, detail: JSON.stringify(p.detail), stationId: m.author }) };
}
