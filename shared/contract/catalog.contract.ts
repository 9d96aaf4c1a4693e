import { z } from 'zod';
import { procedure } from '../rpc/define';
import { barcodeSchema, fileInputSchema, gramsSchema, rowErrorSchema } from './common';

export const skuBarcodeSchema = z.object({ barcode: barcodeSchema, units: z.number().int().min(1).max(10_000) });

export const skuSchema = z.object({
  code: z.string().trim().min(1).max(64),
  name: z.string().max(200),
  weightG: gramsSchema.nullable(),
  location: z.string().max(64),
  barcodes: z.array(skuBarcodeSchema),
  /** Units on hand: the sum of the stock ledger. */
  onHand: z.number().int(),
  /** Units in the damaged bucket: kept apart, not sellable. */
  damaged: z.number().int(),
});
export type Sku = z.infer<typeof skuSchema>;

export const catalogImportReportSchema = z.object({
  skusRead: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  barcodes: z.number().int(),
  errors: z.array(rowErrorSchema),
  rejected: z.boolean(),
  /** Columns of the file that no field reads (an opening stock: stock is counted, 盘点, not imported). */
  unreadColumns: z.array(z.string().max(200)).max(20),
});

export const catalogContract = {
  /** Imports SKUs and barcodes from CSV (商家编码, 名称, 条码, 箱规条码, 重量, 库位). All or nothing. */
  'catalog.importCsv': procedure(z.object({ file: fileInputSchema }), catalogImportReportSchema),
  /** Lists SKUs with barcodes and stock on hand. */
  'catalog.list': procedure(
    z.object({
      query: z.string().max(100).default(''),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    z.object({ total: z.number().int(), skus: z.array(skuSchema) }),
  ),
  /** Which of these SKU codes the catalog does not have (the carrier rules editor says so as they are typed). */
  'catalog.unknownCodes': procedure(z.strictObject({ codes: z.array(z.string().max(64)).max(500) }), z.array(z.string())),
  /** Creates or updates one SKU (barcodes replaced by the given list). */
  'catalog.saveSku': procedure(
    /** `create`: a new SKU, refused when the code is already in the catalog (it would replace that SKU, barcodes and all). */
    skuSchema.omit({ onHand: true, damaged: true }).extend({ create: z.boolean().default(false) }),
    skuSchema,
  ),
  /** Records a stock movement (receipt, count correction) as a signed delta. */
  'stock.adjust': procedure(
    z.object({ skuCode: z.string().min(1), delta: z.number().int(), reason: z.string().trim().min(1).max(200) }),
    z.object({ skuCode: z.string(), onHand: z.number().int() }),
  ),
  /**
   * A cycle count: what is on the shelf now. Recorded as an observation; the hub books the
   * difference to what this station knew, so picks at other stations it had not seen are kept.
   */
  'stock.count': procedure(
    z.object({ skuCode: z.string().min(1), countedQty: z.number().int().min(0) }),
    z.object({ skuCode: z.string(), onHand: z.number().int(), adjustment: z.number().int() }),
  ),
} as const;
