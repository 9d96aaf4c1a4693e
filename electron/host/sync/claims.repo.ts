import { newId } from '../db/new-id';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';

/**
 * Order claims: the first claim the hub orders wins. A station records its claim when a packer
 * opens the order; one claimed elsewhere still opens (the parcel in hand is real) with a warning,
 * and the hub flags the conflict for the supervisor.
 */
export function createClaimsRepo(db: Db, recorder: OpRecorder, stationId: () => string) {
  const holderOf = db.prepare('SELECT station_id AS stationId, hub_seq AS hubSeq FROM order_claims WHERE order_id = ?');
  return {
    /** Claims the order for this station; returns the station that holds it when that is another one. */
    claim(orderId: string): string | null {
      return inTransaction(db, () => {
        const holder = holderOf.get(orderId) as { stationId: string; hubSeq: number | null } | undefined;
        if (holder?.stationId === stationId()) return null;
        recorder.record('order.claimed', { orderId, claimId: newId() });
        return holder?.stationId ?? null;
      });
    },
  };
}
export type ClaimsRepo = ReturnType<typeof createClaimsRepo>;
