import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

export function barcodeBoundApplier({ catalog, newerOwnWrite }: ApplierDeps): Applier<'barcode.bound'> {
  return {
    apply({ barcode, skuCode, units }, m) {
      if (!catalog.exists(skuCode)) return `sku:${skuCode}`;
      // This bench's own later save of the SKU (its whole barcode list) comes after the bind in the hub's order.
      if (!m.own && (newerOwnWrite(`barcode:${barcode}`, m.hubSeq) || newerOwnWrite(`sku:${skuCode}`, m.hubSeq))) return;
      catalog.bindBarcode(barcode, skuCode, units);
    },
  };
}
