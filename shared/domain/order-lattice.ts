/**
 * An order's fulfilment status as a monotonic lattice (research/sync.md §7.6): ops only move the
 * rank up, so every replica that sees the same ops in any order computes the same status. Going
 * back needs a supervisor's reopen, which starts a new generation and so wins regardless of
 * delivery order.
 */
export const statusRanks = { imported: 0, claimed: 1, picking: 2, packed: 3, labeled: 4, shipped: 5, delivered: 6 } as const;
export type StatusName = keyof typeof statusRanks;
export type LatticeStatus = { generation: number; rank: number };

export const initialStatus: LatticeStatus = { generation: 0, rank: 0 };

/** Lexicographic max of (generation, rank). */
export function mergeStatus(a: LatticeStatus, b: LatticeStatus): LatticeStatus {
  if (a.generation !== b.generation) return a.generation > b.generation ? a : b;
  return a.rank >= b.rank ? a : b;
}

/** The order moved at least to `name` in the current generation. */
export const reach = (s: LatticeStatus, name: StatusName): LatticeStatus =>
  mergeStatus(s, { generation: s.generation, rank: statusRanks[name] });

/** A supervisor's reopen: a new generation, back to imported. */
export const reopen = (s: LatticeStatus): LatticeStatus => ({ generation: s.generation + 1, rank: 0 });

export const statusName = (s: LatticeStatus): StatusName =>
  (Object.keys(statusRanks) as StatusName[]).find((k) => statusRanks[k] === s.rank) ?? 'imported';

/** Platform statuses that mean the parcel left (shipped) or arrived (delivered). */
const PLATFORM_RANK: Readonly<Record<string, StatusName>> = {
  WAIT_BUYER_CONFIRM_GOODS: 'shipped',
  SELLER_CONSIGNED_PART: 'shipped',
  TRADE_BUYER_SIGNED: 'delivered',
  TRADE_FINISHED: 'delivered',
};
export const platformStatusRank = (platformStatus: string): StatusName | null => PLATFORM_RANK[platformStatus] ?? null;

/** Closed or cancelled by the buyer, seller or platform: nothing may ship. A status not given (null) is not closed. */
export const isCancelledStatus = (platformStatus: string | null): boolean =>
  platformStatus === 'TRADE_CLOSED' || platformStatus === 'TRADE_CLOSED_BY_TAOBAO';

/**
 * The status an op moves its order to, for the ops that touch orders. Shared by the hub, the
 * station and the simulator's reference model so the three cannot disagree.
 */
export function statusAfter(s: LatticeStatus, type: string, payload: { platformStatus?: unknown }): LatticeStatus {
  switch (type) {
    case 'order.claimed':
      return reach(s, 'claimed');
    case 'scan.recorded':
      return reach(s, 'picking');
    case 'shipment.created':
    case 'shipment.printed':
      return reach(s, 'labeled');
    case 'order.reopened':
      return reopen(s);
    case 'order.imported': {
      const name = typeof payload.platformStatus === 'string' ? platformStatusRank(payload.platformStatus) : null;
      return name ? reach(s, name) : s;
    }
    default:
      return s;
  }
}
