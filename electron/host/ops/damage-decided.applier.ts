import { reshipRequestWriter } from '../reship/reship-requests';
import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/**
 * Decisions are their own facts; the one in force is the last the hub ordered (own unordered ones
 * win locally). A reship decision opens a reship request for the order at every bench; a claim is
 * the decision itself. Stock moved by a decision travels as its own stock.delta ops.
 */
export function damageDecidedApplier({ db, stationId }: ApplierDeps): Applier<'damage.decided'> {
  const q = {
    insert: db.prepare(`INSERT INTO damage_decisions (id, report_id, decision, note, seen_hub_seq, amount_fen, carrier_code, tracking_no,
        station_id, decided_by, decided_at, hub_seq)
      VALUES (@id, @reportId, @decision, @note, @seenHubSeq, @amountFen, @carrierCode, @trackingNo,
        @stationId, @userId, @at, @hubSeq) ON CONFLICT (id) DO UPDATE SET hub_seq = excluded.hub_seq`),
    confirm: db.prepare('UPDATE damage_decisions SET hub_seq = ? WHERE id = ?'),
  };
  const openReship = reshipRequestWriter(db);
  return {
    apply(p, m) {
      q.insert.run({ ...p, stationId: m.own ? stationId() : m.author, userId: m.userId, at: m.at, hubSeq: m.hubSeq });
      if (p.decision === 'reship') openReship(p.reportId);
    },
    confirm: (p, m) => void q.confirm.run(m.hubSeq, p.id),
  };
}
