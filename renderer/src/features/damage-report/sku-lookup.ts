import { getApi } from '../../api/client';

export type FoundSku = { skuCode: string; name: string };

/** A SKU by its 商家编码 or one of its barcodes (typed or scanned); null when the catalog has none. */
export async function findSku(code: string): Promise<FoundSku | null> {
  const text = code.trim();
  if (!text) return null;
  const { skus } = await getApi().call('catalog.list', { query: text, limit: 50, offset: 0 });
  const hit = skus.find((s) => s.code === text) ?? skus.find((s) => s.barcodes.some((b) => b.barcode === text));
  return hit ? { skuCode: hit.code, name: hit.name } : null;
}
