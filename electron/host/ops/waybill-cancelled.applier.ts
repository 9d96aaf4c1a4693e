import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** The provider confirmed the cancel: the number leaves every bench's queue. */
export function waybillCancelledApplier({ providerWaybills }: ApplierDeps): Applier<'waybill.cancelled'> {
  return { apply: (p) => void providerWaybills.markCancelled(p.trackingNo, p.outcome, p.at) };
}
