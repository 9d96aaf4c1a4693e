import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** A SKU and its complete barcode list. */
export function skuSavedApplier({ catalog, newerOwnWrite }: ApplierDeps): Applier<'sku.saved'> {
  return {
    apply(p, m) {
      if (!m.own && newerOwnWrite(`sku:${p.code}`, m.hubSeq)) return;
      catalog.save(p, m.own ? new Date().toISOString() : m.at);
    },
  };
}
