import { useEffect, useState } from 'react';
import { getApi } from '../../api/client';

/**
 * A scanner that stalls mid-code can still deliver a shortened "unknown" barcode; bound to a SKU,
 * it would mis-scan at every bench. A code shorter than every barcode the SKU already has is
 * most likely such a fragment: returns that shortest length, or null when nothing suggests it.
 */
export function partialScanLength(barcode: string, skuBarcodes: readonly string[]): number | null {
  if (skuBarcodes.length === 0) return null;
  const shortest = Math.min(...skuBarcodes.map((b) => b.length));
  return barcode.length < shortest ? shortest : null;
}

/** The catalog's barcodes of one SKU (empty while loading, for an unknown SKU or when the lookup fails). */
export function useSkuBarcodes(skuCode: string): readonly string[] {
  const [found, setFound] = useState<{ skuCode: string; barcodes: string[] } | null>(null);
  const code = skuCode.trim();
  useEffect(() => {
    if (!code) return;
    let live = true;
    getApi()
      .call('catalog.list', { query: code, limit: 50, offset: 0 })
      .then(({ skus }) => {
        if (live) setFound({ skuCode: code, barcodes: skus.find((s) => s.code === code)?.barcodes.map((b) => b.barcode) ?? [] });
      })
      // Only a warning hangs on it: the bind itself works without the lookup.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code]);
  return found?.skuCode === code ? found.barcodes : [];
}
