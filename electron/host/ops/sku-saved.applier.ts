import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/**
 * A SKU and its complete barcode list. A barcode this bench bound to the SKU after the save in the
 * hub's order (or not yet ordered) stays: the bind comes after the save everywhere else too.
 */
export function skuSavedApplier({ catalog, newerOwnWrite }: ApplierDeps): Applier<'sku.saved'> {
  return {
    apply({ seenHubSeq: _seen, ...sku }, m) {
      if (m.own) return void catalog.save(sku, new Date().toISOString());
      if (newerOwnWrite(`sku:${sku.code}`, m.hubSeq)) return;
      const listed = new Set(sku.barcodes.map((b) => b.barcode));
      const boundSince = (catalog.get(sku.code)?.barcodes ?? []).filter((b) => !listed.has(b.barcode) && newerOwnWrite(`barcode:${b.barcode}`, m.hubSeq));
      catalog.save({ ...sku, barcodes: [...sku.barcodes, ...boundSince] }, m.at);
    },
  };
}
