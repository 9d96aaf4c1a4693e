import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

export function barcodeBoundApplier({ catalog, newerOwnWrite }: ApplierDeps): Applier<'barcode.bound'> {
  return {
    apply(p, m) {
      if (!catalog.exists(p.skuCode)) return `sku:${p.skuCode}`;
      if (!m.own && newerOwnWrite(`barcode:${p.barcode}`, m.hubSeq)) return;
      catalog.bindBarcode(p.barcode, p.skuCode, p.units);
    },
  };
}
