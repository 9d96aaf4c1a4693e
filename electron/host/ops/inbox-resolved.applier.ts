import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/**
 * The first resolution in the hub's order stands at every bench. This bench's own shows at once;
 * another bench's that the hub ordered before it replaces it (entries are applied in hub order, so
 * one held without a place in it is later); a refused one is taken back and the row opens again.
 */
export function inboxResolvedApplier({ db, stationId }: ApplierDeps): Applier<'inbox.resolved'> {
  const columns = '(key, kind, note, resolved_by, station_id, at, hub_seq) VALUES (@key, @kind, @note, @by, @stationId, @at, @hubSeq)';
  const q = {
    first: db.prepare(`INSERT INTO inbox_resolutions ${columns} ON CONFLICT (key) DO NOTHING`),
    replace: db.prepare(`INSERT INTO inbox_resolutions ${columns} ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, note = excluded.note,
      resolved_by = excluded.resolved_by, station_id = excluded.station_id, at = excluded.at, hub_seq = excluded.hub_seq`),
    held: db.prepare('SELECT hub_seq FROM inbox_resolutions WHERE key = ?').pluck(),
    ordered: db.prepare('UPDATE inbox_resolutions SET hub_seq = @hubSeq WHERE key = @key AND station_id = @stationId AND hub_seq IS NULL'),
    drop: db.prepare('DELETE FROM inbox_resolutions WHERE key = ? AND hub_seq IS NULL'),
  };
  return {
    apply(p, m) {
      const row = { ...p, by: m.userId, stationId: m.own ? stationId() : m.author, at: m.at, hubSeq: m.hubSeq };
      if (m.own || q.held.get(p.key) !== null) q.first.run(row);
      else q.replace.run(row);
    },
    // Shown when it was recorded; inserted again when resolutions were rebuilt after a hub restore.
    confirm(p, m) {
      q.first.run({ ...p, by: m.userId, stationId: stationId(), at: m.at, hubSeq: m.hubSeq });
      q.ordered.run({ key: p.key, hubSeq: m.hubSeq, stationId: stationId() });
    },
    refused: (p) => void q.drop.run(p.key),
  };
}
