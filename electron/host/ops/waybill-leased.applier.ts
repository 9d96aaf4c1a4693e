import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** Numbers the hub leased: this station's to print with, or another station's, never printed or imported here. */
export function waybillLeasedApplier({ pool, stationId }: ApplierDeps): Applier<'waybill.leased'> {
  return {
    apply(p, m) {
      if (p.stationId === stationId()) pool.addLeased(p.carrierCode, p.numbers, p.leaseId, m.at);
      else pool.heldElsewhere(p.carrierCode, p.numbers, p.stationId, m.at);
    },
  };
}
