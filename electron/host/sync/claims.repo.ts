import { newId } from '../db/new-id';
import { inTransaction, type Db } from '../db/open-database';
import type { OutboxRepo } from '../db/outbox.repo';

/**
 * Order claims: the first claim the hub orders wins. A station records its claim when a packer
 * opens the order; one claimed elsewhere still opens (the parcel in hand is real) with a warning,
 * and the hub flags the conflict for the supervisor.
 */
export function createClaimsRepo(db: Db, outbox: OutboxRepo, stationId: () => string) {
  const q = {
    get: db.prepare('SELECT station_id AS stationId, hub_seq AS hubSeq FROM order_claims WHERE order_id = ?'),
    provisional: db.prepare('INSERT OR IGNORE INTO order_claims (order_id, station_id, claim_id, hub_seq) VALUES (?, ?, ?, NULL)'),
  };
  return {
    /** Claims the order for this station; returns the station that holds it when that is another one. */
    claim(orderId: string): string | null {
      return inTransaction(db, () => {
        const holder = q.get.get(orderId) as { stationId: string; hubSeq: number | null } | undefined;
        if (holder?.stationId === stationId()) return null;
        const claimId = newId();
        outbox.append('order.claimed', { orderId, claimId });
        if (!holder) q.provisional.run(orderId, stationId(), claimId);
        return holder?.stationId ?? null;
      });
    },
  };
}
export type ClaimsRepo = ReturnType<typeof createClaimsRepo>;
