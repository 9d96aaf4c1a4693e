import { getApi } from '../../api/client';

/** `units`: how many units the code stands for (a case barcode its units, as the host counts it; else 1). */
export type FoundSku = { skuCode: string; name: string; units: number };

/** A SKU by its 商家编码 or one of its barcodes (typed or scanned); null when the catalog has none. */
export async function findSku(code: string): Promise<FoundSku | null> {
  const text = code.trim();
  if (!text) return null;
  const { skus } = await getApi().call('catalog.list', { query: text, limit: 50, offset: 0 });
  const own = skus.find((s) => s.code === text);
  if (own) return { skuCode: own.code, name: own.name, units: 1 };
  for (const s of skus) {
    const barcode = s.barcodes.find((b) => b.barcode === text);
    if (barcode) return { skuCode: s.code, name: s.name, units: barcode.units };
  }
  return null;
}
