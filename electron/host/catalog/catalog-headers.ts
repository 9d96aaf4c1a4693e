/* eslint-disable no-restricted-syntax -- data: the column names, units and separators that SKU lists are written with, matched as they are spelled. */

/** SKU list columns: each field's header spellings, Chinese and English, the first one used in messages. */
export const catalogHeaderAliases = {
  code: ['商家编码', 'sku', 'sku编码', 'sku_code', '编码', '货号', 'code'],
  name: ['名称', '商品名称', 'name', 'title', '标题'],
  barcodes: ['条码', '条形码', 'barcode', 'barcodes', 'ean', 'upc'],
  caseBarcode: ['箱规条码', '箱码', 'case barcode', 'case_barcode'],
  caseQty: ['箱规数量', '箱规', 'case qty', 'case_qty', 'units_per_case'],
  weight: ['重量(g)', '重量', '重量(克)', 'weight_g', 'weight', 'weight(g)'],
  location: ['库位', '货位', 'location', 'bin'],
  image: ['图片', '图片地址', '主图', 'image', 'image_url', 'picture'],
  // 聚水潭 writes 安全库存, 快麦 库存预警: the level a SKU is flagged for reordering at. Not 库存 (on hand), which is never read.
  safetyStock: ['安全库存', '预警库存', '库存预警', '库存下限', 'safety_stock', 'safety stock', 'reorder_point', 'reorder point', 'low_stock'],
} as const satisfies Record<string, readonly string[]>;
export type CatalogField = keyof typeof catalogHeaderAliases;

/** Between barcodes in one cell: ASCII and full-width separators, and spaces. */
export const BARCODE_SEPARATORS = /[|;,，；、\s]+/;


/**
 * The stock column of the SKU export: on hand, for the accountant and for reading. The import does
 * not read it (it names it among the columns not read): stock moves only by counts and movements.
 */
export const STOCK_HEADER = '库存';

/** The export's file name before its time stamp, as sellers name a SKU list. */
export const CATALOG_FILE_NAME = '商品资料';
