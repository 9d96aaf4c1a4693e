import { z } from 'zod';
import { SAFETY_STOCK_MAX } from '../ops/sku-saved.op';
import { adjustKinds, disposeKinds, STOCK_DELTA_MAX } from '../ops/stock-delta.op';
import { procedure } from '../rpc/define';
import { barcodeSchema, fileInputSchema, gramsSchema, rowErrorSchema, type UserRole } from './common';

export const skuBarcodeSchema = z.object({ barcode: barcodeSchema, units: z.number().int().min(1).max(10_000) });

/** Barcodes one SKU may have (the sku.saved op's cap): its unit barcodes and case packs together. */
export const SKU_MAX_BARCODES = 50;

/** 安全库存: flagged for reordering when the shelf holds this many or fewer; null, no threshold. */
export const safetyStockSchema = z.number().int().min(0).max(SAFETY_STOCK_MAX).nullable();

export const skuSchema = z.object({
  code: z.string().trim().min(1).max(64),
  name: z.string().max(200),
  weightG: gramsSchema.nullable(),
  location: z.string().max(64),
  barcodes: z.array(skuBarcodeSchema).max(SKU_MAX_BARCODES),
  safetyStock: safetyStockSchema,
  /** Units on hand: the sum of the stock ledger. */
  onHand: z.number().int(),
  /** Units in the damaged bucket: kept apart, not sellable. */
  damaged: z.number().int(),
});
export type Sku = z.infer<typeof skuSchema>;

/**
 * Where a SKU's shelf stands: below zero, at or below its 安全库存 (low, and not below zero: that is
 * the negative state alone), or fine. The list's flag and filter and the inbox read it alike.
 */
export type StockState = 'negative' | 'low' | 'ok';
export const stockStateOf = (sku: Pick<Sku, 'onHand' | 'safetyStock'>): StockState =>
  sku.onHand < 0 ? 'negative' : sku.safetyStock !== null && sku.onHand <= sku.safetyStock ? 'low' : 'ok';
/** The list's filter: every SKU, those at or below their 安全库存, those below zero. */
export const catalogStockFilters = ['all', 'low', 'negative'] as const;
export type CatalogStockFilter = (typeof catalogStockFilters)[number];

export const catalogImportReportSchema = z.object({
  skusRead: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  /** SKUs the file gave exactly as stored: nothing saved for them. */
  unchanged: z.number().int(),
  barcodes: z.number().int(),
  errors: z.array(rowErrorSchema),
  rejected: z.boolean(),
  /** Columns of the file that no field reads (an opening stock: stock is counted, 盘点, not imported). */
  unreadColumns: z.array(z.string().max(200)).max(20),
});

/** Who may export the SKU list: it is the whole catalog with its stock, a file that leaves the bench. */
export const CATALOG_EXPORTER_ROLES = ['supervisor', 'admin'] as const satisfies readonly UserRole[];

/** SKUs the export names that the import would not read back as they are; the rest are counted. */
export const NOT_READ_BACK_NAMED = 20;

export const catalogExportSchema = z.object({
  fileName: z.string(),
  base64: z.string(),
  /** SKUs in the file. */
  skus: z.number().int(),
  /** SKUs importing the file would change (a barcode with a space or comma the import splits), the first few named. */
  notReadBack: z.object({ count: z.number().int(), codes: z.array(z.string()).max(NOT_READ_BACK_NAMED) }),
});

const stockNote = z.string().trim().max(200).default('');
const stockSku = z.string().min(1).max(64);

export const stockAdjustInput = z
  .strictObject({
    skuCode: stockSku,
    delta: z.number().int().min(-STOCK_DELTA_MAX).max(STOCK_DELTA_MAX).refine((d) => d !== 0, 'must not be 0'),
    kind: z.enum(adjustKinds),
    note: stockNote,
  })
  // "Other" says nothing by itself: the supervisor's words are the reason.
  .refine((a) => a.kind !== 'other' || a.note !== '', { message: 'an adjustment of kind "other" needs a note', path: ['note'] })
  // Damaged units leave the shelf for the damaged bucket; none arrive damaged by an adjustment.
  .refine((a) => a.kind !== 'damaged' || a.delta < 0, { message: 'a damaged adjustment takes units off the shelf (a negative change)', path: ['delta'] });

export const stockDisposeInput = z.strictObject({
  skuCode: stockSku,
  qty: z.number().int().min(1).max(STOCK_DELTA_MAX),
  kind: z.enum(disposeKinds),
  note: stockNote,
});

/** A SKU's two buckets after a movement. */
export const stockLevelSchema = z.object({ skuCode: z.string(), onHand: z.number().int(), damaged: z.number().int() });

export const catalogContract = {
  /** Imports SKUs and barcodes from CSV (商家编码, 名称, 条码, 箱规条码, 重量, 库位, 安全库存). All or nothing. */
  'catalog.importCsv': procedure(z.object({ file: fileInputSchema }), catalogImportReportSchema),
  /** Lists SKUs with barcodes and stock on hand; `stock` narrows to the SKUs at or below their 安全库存, or below zero. */
  'catalog.list': procedure(
    z.object({
      query: z.string().max(100).default(''),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
      stock: z.enum(catalogStockFilters).default('all'),
    }),
    z.object({ total: z.number().int(), skus: z.array(skuSchema) }),
  ),
  /**
   * Every SKU as a CSV the import reads back (its column names, UTF-8 with BOM, cells neutralised
   * against formula injection), with stock on hand (库存), which the import does not read. Supervisor or admin.
   */
  'catalog.exportCsv': procedure(z.strictObject({}), catalogExportSchema),
  /** Which of these SKU codes the catalog does not have (the carrier rules editor says so as they are typed). */
  'catalog.unknownCodes': procedure(z.strictObject({ codes: z.array(z.string().max(64)).max(500) }), z.array(z.string())),
  /** Creates or updates one SKU (barcodes replaced by the given list). */
  'catalog.saveSku': procedure(
    /** `create`: a new SKU, refused when the code is already in the catalog (it would replace that SKU, barcodes and all). */
    /** `safetyStock` left out keeps the SKU's own (a caller that does not know it does not clear it). */
    skuSchema.omit({ onHand: true, damaged: true }).extend({ create: z.boolean().default(false), safetyStock: safetyStockSchema.optional() }),
    skuSchema,
  ),
  /**
   * Records a stock movement as a signed delta and why: a kind (shown in each reader's language) and
   * the supervisor's own words. A damaged adjustment moves the units into the damaged bucket.
   */
  'stock.adjust': procedure(stockAdjustInput, stockLevelSchema),
  /** 报废: damaged units thrown away or sent back to the supplier leave the damaged bucket (never below zero). */
  'stock.dispose': procedure(stockDisposeInput, stockLevelSchema),
  /**
   * A cycle count: what is on the shelf now. Recorded as an observation; the hub books the
   * difference to what this station knew, so picks at other stations it had not seen are kept.
   */
  'stock.count': procedure(
    z.object({ skuCode: z.string().min(1), countedQty: z.number().int().min(0) }),
    z.object({ skuCode: z.string(), onHand: z.number().int(), adjustment: z.number().int() }),
  ),
} as const;
