import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** Who holds an order: provisional (hub_seq NULL) until the hub's first accepted claim arrives. */
export function orderClaimedApplier({ db, stationId }: ApplierDeps): Applier<'order.claimed'> {
  const q = {
    provisional: db.prepare('INSERT OR IGNORE INTO order_claims (order_id, station_id, claim_id, hub_seq) VALUES (?, ?, ?, NULL)'),
    confirmed: db.prepare(`INSERT INTO order_claims (order_id, station_id, claim_id, hub_seq) VALUES (@orderId, @stationId, @claimId, @hubSeq)
      ON CONFLICT (order_id) DO UPDATE SET station_id = excluded.station_id, claim_id = excluded.claim_id, hub_seq = excluded.hub_seq
      WHERE order_claims.hub_seq IS NULL OR order_claims.hub_seq > excluded.hub_seq`),
  };
  const confirm = (orderId: string, holder: string, claimId: string, hubSeq: number) => q.confirmed.run({ orderId, stationId: holder, claimId, hubSeq });
  return {
    apply(p, m) {
      if (m.own) q.provisional.run(p.orderId, stationId(), p.claimId);
      // Only the winning claim is accepted; a losing one is in conflict and changes no holder.
      else if (m.outcome === 'accepted' && m.hubSeq !== null) confirm(p.orderId, m.author, p.claimId, m.hubSeq);
    },
    confirm(p, m) {
      if (m.outcome === 'accepted') confirm(p.orderId, stationId(), p.claimId, m.hubSeq);
    },
  };
}
