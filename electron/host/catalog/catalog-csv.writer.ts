import type { Sku } from '#shared/contract/catalog.contract';
import { toCsv, type CsvCell } from '../csv/csv-writer';
import { parseCatalogCsv, type CatalogSku } from './catalog-csv.parser';
import { catalogHeaderAliases as A, STOCK_HEADER } from './catalog-headers';

/**
 * The SKU list as a file the SKU import reads back: the import's own column names (each field's
 * first spelling), UTF-8 with a BOM so Excel on a Chinese Windows opens it right, every cell
 * neutralised against formula injection (the import drops that apostrophe again), 安全库存 (empty
 * with none), and 库存 last.
 * Editing the file in Excel or WPS and importing it changes what was edited and nothing else.
 */

export type ExportSku = Omit<Sku, 'damaged'>;

export const CATALOG_EXPORT_HEADER: readonly string[] = [A.code[0], A.name[0], A.barcodes[0], A.caseBarcode[0], A.caseQty[0], A.weight[0], A.location[0], A.safetyStock[0], STOCK_HEADER];

/**
 * One SKU's row. Case barcodes go in 箱规条码 with their 箱规数量 when they share one size; a SKU
 * with case packs of several sizes writes them in 条码 as `barcode*12`, which the import also reads.
 */
export function catalogRow(sku: ExportSku): CsvCell[] {
  const singles = sku.barcodes.filter((b) => b.units === 1).map((b) => b.barcode);
  const cases = sku.barcodes.filter((b) => b.units > 1);
  const size = cases[0]?.units;
  const oneSize = size !== undefined && cases.every((b) => b.units === size);
  const inline = oneSize ? [] : cases.map((b) => `${b.barcode}*${b.units}`);
  return [
    sku.code, sku.name, [...singles, ...inline].join('|'),
    oneSize ? cases.map((b) => b.barcode).join('|') : '', oneSize ? size : '',
    sku.weightG, sku.location, sku.safetyStock, sku.onHand,
  ];
}

export function toCatalogCsv(skus: readonly ExportSku[]): Buffer {
  return toCsv([CATALOG_EXPORT_HEADER, ...skus.map(catalogRow)], { encoding: 'utf-8' });
}

const barcodeKey = (bs: readonly { barcode: string; units: number }[]) => bs.map((b) => `${b.barcode}*${b.units}`).sort().join('\n');
/** Whether the import read a SKU back as it is (stock aside: the import does not read it). */
const sameSku = (read: CatalogSku | undefined, sku: ExportSku) =>
  read !== undefined && read.code === sku.code && read.name === sku.name && read.weightG === sku.weightG &&
  read.location === sku.location && read.safetyStock === sku.safetyStock && barcodeKey(read.barcodes) === barcodeKey(sku.barcodes);

/**
 * The SKUs the import would not read back as they are, by code: what the SKU editor or a bench
 * took but the import's stricter reading does not (a barcode with a space or comma, which the
 * import splits; a name starting with a space, which it trims). Checked by reading the file with
 * the import itself; one SKU at a time only when the whole file does not read.
 */
export function notReadBack(skus: readonly ExportSku[], bytes: Buffer): string[] {
  const read = (data: Buffer) => parseCatalogCsv({ name: 'export.csv', bytes: data });
  const whole = read(bytes);
  if (whole.errors.length === 0 && whole.skus.length === skus.length) return skus.filter((s, i) => !sameSku(whole.skus[i], s)).map((s) => s.code);
  // Rows the whole file was refused at (a barcode that is another SKU's code), then each SKU alone.
  const rows = new Set(whole.errors.flatMap((e) => [e.row, ...(e.repeats?.rows ?? [])]));
  return skus
    .filter((s, i) => {
      if (rows.has(i + 2)) return true;
      const one = read(toCatalogCsv([s]));
      return one.errors.length > 0 || !sameSku(one.skus[0], s);
    })
    .map((s) => s.code);
}
