import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** Numbers the hub retired (a replaced PC's unused ones): never printed here either, nor imported again. */
export function waybillRetiredApplier({ pool }: ApplierDeps): Applier<'waybill.retired'> {
  return { apply: (p, m) => pool.heldElsewhere(p.carrierCode, p.numbers, p.stationId, m.at) };
}
