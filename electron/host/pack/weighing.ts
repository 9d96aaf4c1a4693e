import type { BenchWeighing } from '#shared/contract/bench.contract';
import { checkWeight, type WeightTolerance } from '#shared/domain/weight-check';

export type ScaleLinkStatus = BenchWeighing['scale'];

/**
 * The open order's parcel on the scale. A weight counts only when it settled after the order was
 * opened (the previous parcel on the pan is not this one); the check runs once the order is fully
 * verified. A mismatch holds the order until a supervisor accepts (overrides): weighing it again
 * within tolerance shows the new weight but does not lift the hold, and neither does opening
 * another order and coming back while the mismatch is still open in the inbox.
 */
export function createWeighing() {
  let orderId: string | null = null;
  const fresh = (mismatchG: number | null) => ({ settledG: null as number | null, status: 'waiting' as BenchWeighing['status'], deviationG: 0, accepted: false, mismatchG });
  let w = fresh(null);
  /** The weight on record was typed on the ship form (no scale settled it): a weight typed again replaces it. */
  let typed = false;

  return {
    /**
     * A different order was opened: nothing weighed for it yet. `heldG`: the weight of a mismatch
     * this order still has open (from an earlier opening, at any bench), which keeps holding it.
     */
    forOrder(id: string, heldG: number | null = null): void {
      if (id === orderId) return;
      orderId = id;
      w = fresh(heldG);
      typed = false;
    },
    settled(grams: number, by: 'scale' | 'typed' = 'scale'): void {
      w = { ...w, settledG: grams, status: 'waiting', deviationG: 0 };
      typed = by === 'typed';
    },
    /** Runs the check on the settled weight; returns its status (waiting while nothing settled). */
    check(expectedG: number | null, tolerance: WeightTolerance): BenchWeighing['status'] {
      if (w.settledG === null) return 'waiting';
      const c = checkWeight(expectedG, w.settledG, tolerance);
      const mismatch = c.status === 'light' || c.status === 'heavy';
      w = { ...w, status: c.status, deviationG: c.deviationG, mismatchG: mismatch && !w.accepted ? w.settledG : w.mismatchG };
      return c.status;
    },
    accept(): void {
      w = { ...w, accepted: true };
    },
    settledG: () => w.settledG,
    /** The weight that did not match and still holds the order (null when none, or accepted). */
    mismatchG: () => (w.accepted ? null : w.mismatchG),
    /** A weight outside the tolerance that no supervisor accepted, now or earlier: the order must not ship. */
    holds: () => w.mismatchG !== null && !w.accepted,
    accepted: () => w.accepted,
    typed: () => typed,
    view: (scale: ScaleLinkStatus): BenchWeighing => ({ scale, ...w }),
  };
}
export type Weighing = ReturnType<typeof createWeighing>;
