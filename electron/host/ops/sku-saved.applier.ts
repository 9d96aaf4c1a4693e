import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** A SKU and its complete barcode list. */
export function skuSavedApplier({ catalog, newerOwnWrite }: ApplierDeps): Applier<'sku.saved'> {
  return {
    apply({ seenHubSeq: _seen, ...sku }, m) {
      if (!m.own && newerOwnWrite(`sku:${sku.code}`, m.hubSeq)) return;
      catalog.save(sku, m.own ? new Date().toISOString() : m.at);
    },
  };
}
