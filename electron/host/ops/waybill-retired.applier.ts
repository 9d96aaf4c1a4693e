import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** Numbers the hub retired (a replaced PC's unused ones): never printed here either. */
export function waybillRetiredApplier({ pool }: ApplierDeps): Applier<'waybill.retired'> {
  return { apply: (p) => p.numbers.forEach((n) => pool.retireFree(n, 'void', null)) };
}
