import type { CatalogStockFilter, Sku } from '#shared/contract/catalog.contract';
import type { Db } from '../db/open-database';

type SkuRow = { code: string; name: string; weight_g: number | null; location: string; safety_stock: number | null };
export type SkuInput = Omit<Sku, 'onHand' | 'damaged'>;
export type BarcodeHit = { skuCode: string; units: number };

const COLUMNS = 'code, name, weight_g, location, safety_stock';
/** A SKU's shelf (on hand), as one SQL expression over its ledger (stock_ledger_sku finds its rows). */
const ON_HAND = "(SELECT coalesce(sum(l.delta), 0) FROM stock_ledger l WHERE l.sku_code = skus.code AND l.bucket = 'sellable')";
/** The list's stock filter as SQL: the states stockStateOf tells, so the filter and the row's flag agree. */
const STOCK_WHERE: Record<CatalogStockFilter, string | null> = {
  all: null,
  low: `safety_stock IS NOT NULL AND ${ON_HAND} BETWEEN 0 AND safety_stock`,
  negative: `${ON_HAND} < 0`,
};

/**
 * SKUs, their barcodes (case packs worth N units) and stock on hand. The writers here are called
 * by the sku.saved and barcode.bound appliers only; the stock ledger is written by stock.delta's.
 */
export function createCatalogRepo(db: Db) {
  const q = {
    sku: db.prepare(`SELECT ${COLUMNS} FROM skus WHERE code = ?`),
    skuExists: db.prepare('SELECT 1 FROM skus WHERE code = ?').pluck(),
    upsertSku: db.prepare(`INSERT INTO skus (code, name, weight_g, location, safety_stock, updated_at) VALUES (@code, @name, @weightG, @location, @safetyStock, @at)
      ON CONFLICT (code) DO UPDATE SET name = excluded.name, weight_g = excluded.weight_g, location = excluded.location, safety_stock = excluded.safety_stock,
        updated_at = excluded.updated_at`),
    barcode: db.prepare('SELECT sku_code AS skuCode, units FROM barcodes WHERE barcode = ?'),
    barcodesOf: db.prepare('SELECT barcode, units FROM barcodes WHERE sku_code = ? ORDER BY units, barcode'),
    deleteBarcodes: db.prepare('DELETE FROM barcodes WHERE sku_code = ?'),
    putBarcode: db.prepare(`INSERT INTO barcodes (barcode, sku_code, units) VALUES (@barcode, @skuCode, @units)
      ON CONFLICT (barcode) DO UPDATE SET sku_code = excluded.sku_code, units = excluded.units`),
    onHand: db.prepare("SELECT coalesce(sum(delta), 0) FROM stock_ledger WHERE sku_code = ? AND bucket = 'sellable'").pluck(),
    damaged: db.prepare("SELECT coalesce(sum(delta), 0) FROM stock_ledger WHERE sku_code = ? AND bucket = 'damaged'").pluck(),
    count: db.prepare('SELECT count(*) FROM skus').pluck(),
    neverStocked: db.prepare('SELECT code FROM skus s WHERE NOT EXISTS (SELECT 1 FROM stock_ledger l WHERE l.sku_code = s.code) ORDER BY code').pluck(),
    image: db.prepare('SELECT coalesce(sha256, url) FROM sku_images WHERE sku_code = ?').pluck(),
    shortestBarcode: db.prepare('SELECT min(length(barcode)) FROM barcodes').pluck(),
    allSkus: db.prepare(`SELECT ${COLUMNS} FROM skus ORDER BY code`),
    allBarcodes: db.prepare('SELECT sku_code AS skuCode, barcode, units FROM barcodes ORDER BY sku_code, units, barcode'),
    allOnHand: db.prepare("SELECT sku_code AS skuCode, sum(delta) AS onHand FROM stock_ledger WHERE bucket = 'sellable' GROUP BY sku_code"),
  };

  const withDetails = (row: SkuRow): Sku => ({
    code: row.code,
    name: row.name,
    weightG: row.weight_g,
    location: row.location,
    barcodes: q.barcodesOf.all(row.code) as Sku['barcodes'],
    safetyStock: row.safety_stock,
    onHand: q.onHand.get(row.code) as number,
    damaged: q.damaged.get(row.code) as number,
  });

  return {
    get(code: string): Sku | null {
      const row = q.sku.get(code) as SkuRow | undefined;
      return row ? withDetails(row) : null;
    },
    exists: (code: string) => q.skuExists.get(code) !== undefined,
    barcodesOf: (code: string) => (q.barcodesOf.all(code) as { barcode: string }[]).map((b) => b.barcode),
    lookupBarcode: (barcode: string) => q.barcode.get(barcode) as BarcodeHit | undefined,
    weightOf: (code: string) => (q.sku.get(code) as SkuRow | undefined)?.weight_g ?? null,
    locationOf: (code: string) => (q.sku.get(code) as SkuRow | undefined)?.location ?? '',
    /** The SKU's picture for the bench line: a stored file's SHA-256 or an https address. */
    imageOf: (code: string) => (q.image.get(code) as string | undefined) ?? null,
    /** Length of the shop's shortest barcode, null with none known (read on an unknown code only: it scans the table). */
    shortestBarcode: () => (q.shortestBarcode.get() as number | null) ?? null,
    nameOf: (code: string) => (q.sku.get(code) as SkuRow | undefined)?.name ?? '',
    /** Saves a SKU; with `replaceBarcodes` its barcode list becomes exactly the given one. */
    /** The SKU's 安全库存 as saved, null with none (or no such SKU). */
    safetyStockOf: (code: string) => (q.sku.get(code) as SkuRow | undefined)?.safety_stock ?? null,
    save(sku: SkuInput, at: string, replaceBarcodes = true): void {
      q.upsertSku.run({ ...sku, at });
      if (replaceBarcodes) q.deleteBarcodes.run(sku.code);
      for (const b of sku.barcodes) q.putBarcode.run({ ...b, skuCode: sku.code });
    },
    bindBarcode: (barcode: string, skuCode: string, units: number) => q.putBarcode.run({ barcode, skuCode, units }),
    onHand: (code: string) => q.onHand.get(code) as number,
    /** Units kept apart as damaged (written off, or returned defective), not on the shelf. */
    damaged: (code: string) => q.damaged.get(code) as number,
    count: () => q.count.get() as number,
    /** SKUs no stock movement or count has ever touched. */
    neverStocked: () => q.neverStocked.all() as string[],
    /** Every SKU with its barcodes and stock on hand, by code: the export (three queries, not three a SKU). */
    all(): Omit<Sku, 'damaged'>[] {
      const barcodes = new Map<string, Sku['barcodes']>();
      for (const b of q.allBarcodes.all() as { skuCode: string; barcode: string; units: number }[]) {
        const list = barcodes.get(b.skuCode) ?? [];
        list.push({ barcode: b.barcode, units: b.units });
        barcodes.set(b.skuCode, list);
      }
      const onHand = new Map((q.allOnHand.all() as { skuCode: string; onHand: number }[]).map((r) => [r.skuCode, r.onHand]));
      return (q.allSkus.all() as SkuRow[]).map((row) => ({
        code: row.code, name: row.name, weightG: row.weight_g, location: row.location, barcodes: barcodes.get(row.code) ?? [], safetyStock: row.safety_stock,
        onHand: onHand.get(row.code) ?? 0,
      }));
    },
    list(filter: { query: string; limit: number; offset: number; stock?: CatalogStockFilter }) {
      const text = filter.query.trim().replace(/[%_]/g, '');
      const conditions = [
        text ? '(code LIKE @like OR name LIKE @like OR code IN (SELECT sku_code FROM barcodes WHERE barcode = @text))' : null,
        STOCK_WHERE[filter.stock ?? 'all'],
      ].filter((c) => c !== null);
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const params = { like: `%${text}%`, text, limit: filter.limit, offset: filter.offset };
      const total = db.prepare(`SELECT count(*) FROM skus ${where}`).pluck().get(params) as number;
      const rows = db.prepare(`SELECT ${COLUMNS} FROM skus ${where} ORDER BY code LIMIT @limit OFFSET @offset`).all(params) as SkuRow[];
      return { total, skus: rows.map(withDetails) };
    },
  };
}
export type CatalogRepo = ReturnType<typeof createCatalogRepo>;
