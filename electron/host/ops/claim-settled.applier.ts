import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** Settlements are facts like decisions: the one in force is the last the hub ordered (own unordered ones win locally). */
export function claimSettledApplier({ db, stationId }: ApplierDeps): Applier<'claim.settled'> {
  const q = {
    insert: db.prepare(`INSERT INTO claim_settlements (id, claim_id, outcome, paid_fen, note, seen_hub_seq, station_id, settled_by, settled_at, hub_seq)
      VALUES (@id, @claimId, @outcome, @paidFen, @note, @seenHubSeq, @stationId, @userId, @at, @hubSeq) ON CONFLICT (id) DO UPDATE SET hub_seq = excluded.hub_seq`),
    confirm: db.prepare('UPDATE claim_settlements SET hub_seq = ? WHERE id = ?'),
  };
  return {
    apply: (p, m) => void q.insert.run({ ...p, stationId: m.own ? stationId() : m.author, userId: m.userId, at: m.at, hubSeq: m.hubSeq }),
    confirm: (p, m) => void q.confirm.run(m.hubSeq, p.id),
  };
}
