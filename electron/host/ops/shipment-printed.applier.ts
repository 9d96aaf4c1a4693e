import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

export function shipmentPrintedApplier({ db }: ApplierDeps): Applier<'shipment.printed'> {
  const printed = db.prepare('UPDATE shipments SET printed_at = @at, print_count = print_count + 1 WHERE id = @id');
  return { apply: (p) => void printed.run(p) };
}
