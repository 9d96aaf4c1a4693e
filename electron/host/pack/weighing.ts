import type { BenchWeighing } from '#shared/contract/bench.contract';
import { checkWeight, type WeightTolerance } from '#shared/domain/weight-check';

export type ScaleLinkStatus = BenchWeighing['scale'];

/**
 * The open order's parcel on the scale. A weight counts only when it settled after the order was
 * opened (the previous parcel on the pan is not this one); the check runs once the order is fully
 * verified. A mismatch holds the order until a supervisor accepts the weight or the parcel,
 * put right, is weighed again within tolerance.
 */
export function createWeighing() {
  let orderId: string | null = null;
  let w = { settledG: null as number | null, status: 'waiting' as BenchWeighing['status'], deviationG: 0, accepted: false };

  return {
    /** A different order was opened: nothing weighed for it yet. */
    forOrder(id: string): void {
      if (id === orderId) return;
      orderId = id;
      w = { settledG: null, status: 'waiting', deviationG: 0, accepted: false };
    },
    settled(grams: number): void {
      w = { ...w, settledG: grams, status: 'waiting', deviationG: 0 };
    },
    /** Runs the check on the settled weight; returns its status (waiting while nothing settled). */
    check(expectedG: number | null, tolerance: WeightTolerance): BenchWeighing['status'] {
      if (w.settledG === null) return 'waiting';
      const c = checkWeight(expectedG, w.settledG, tolerance);
      w = { ...w, status: c.status, deviationG: c.deviationG };
      return c.status;
    },
    accept(): void {
      w = { ...w, accepted: true };
    },
    settledG: () => w.settledG,
    /** A weight outside the tolerance that no supervisor accepted: the order must not ship. */
    holds: () => (w.status === 'light' || w.status === 'heavy') && !w.accepted,
    accepted: () => w.accepted,
    view: (scale: ScaleLinkStatus): BenchWeighing => ({ scale, ...w }),
  };
}
export type Weighing = ReturnType<typeof createWeighing>;
