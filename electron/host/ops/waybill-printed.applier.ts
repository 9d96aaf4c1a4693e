import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** The labels are on paper: the parcels that take these numbers do not print them again. */
export function waybillPrintedApplier({ providerWaybills }: ApplierDeps): Applier<'waybill.printed'> {
  return { apply: (p) => p.numbers.forEach((n) => providerWaybills.markPrinted(n, p.at)) };
}
