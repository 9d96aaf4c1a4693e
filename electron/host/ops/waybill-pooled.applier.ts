import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/**
 * Numbers another station holds are retired here, so no other bench prints them. This station's
 * own numbers are already in its pool (the import added them, or it held them from a lease).
 */
export function waybillPooledApplier({ pool }: ApplierDeps): Applier<'waybill.pooled'> {
  return {
    apply(p, m) {
      if (!m.own) p.numbers.forEach((n) => pool.retireFree(n, 'void', null));
    },
  };
}
