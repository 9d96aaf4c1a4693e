import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/**
 * Numbers another station holds: retired here if this pool has them free (the same roll imported
 * at both: neither prints them), and remembered, so a later import here leaves them out. This
 * station's own numbers are already in its pool (the import added them, or it held them from a lease).
 */
export function waybillPooledApplier({ pool }: ApplierDeps): Applier<'waybill.pooled'> {
  return {
    apply(p, m) {
      if (!m.own) pool.heldElsewhere(p.carrierCode, p.numbers, m.author, m.at);
    },
  };
}
