import iconv from 'iconv-lite';
import type { GeneratedClassic } from '../../fixtures/taobao-export.generator';
import { barcodeOf } from '../../fixtures/synthetic-orders';

export { barcodeOf };

/** A SKU list as a shop's ERP exports it (GBK): one barcode each, 100 g and up by 10 g, shelves A-01 on. */
export function catalogCsv(skus: readonly string[]): Buffer {
  const rows = skus.map((code, i) => `${code},示例商品 ${code},${barcodeOf(code)},,,${100 + i * 10},A-${String(i + 1).padStart(2, '0')}`);
  return iconv.encode(['商家编码,名称,条码,箱规条码,箱规数量,重量(g),库位', ...rows].join('\r\n'), 'gbk');
}

/** A classic Taobao export's two files, as the Orders screen's file picker takes them. */
export const classicFiles = (g: GeneratedClassic) => [
  { name: g.orderFileName, mimeType: 'text/csv', buffer: g.orderCsv },
  { name: g.detailFileName, mimeType: 'text/csv', buffer: g.detailCsv },
];
