import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** A number (and its 子母件 children) is no longer ready anywhere; its issuer sends the cancel. */
export function waybillCancelRequestedApplier({ providerWaybills }: ApplierDeps): Applier<'waybill.cancel-requested'> {
  return { apply: (p) => void providerWaybills.requestCancel(p.trackingNo, p.reason, p.at) };
}
