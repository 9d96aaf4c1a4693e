import { AppError } from '#shared/contract/errors';
import { findCarrier } from '#shared/domain/carriers';
import { msg } from '#shared/i18n/message';
import { toCsv, type CsvEncoding } from '../csv/csv-writer';
import { BATCH_SHIP_FILE_NAME, BATCH_SHIP_HEADER, BATCH_SHIP_SUB_ORDER_COLUMN, PLATFORM_ORDER_ID } from './batch-ship-columns';

export { BATCH_SHIP_FILE_NAME };

/**
 * The 批量发货 upload file (china-formats §2.1): 订单编号, 物流公司, 运单号 — plus 子订单编号 when a
 * split shipment needs it. The official template could not be checked (a GAP in the research), so
 * the layout follows the platform API (tid, company, out_sid) and third-party templates.
 *
 * Order ids are written as plain digits, not as Taobao's `="…"` text formula: the uploader reads
 * cell text, and nothing shows it strips the formula wrapper, while plain digits are what every
 * known template and the API take. Excel would show plain 18-digit ids in scientific notation if
 * a user opened and re-saved the file, so {@link toBatchShipXlsx} writes the same table with
 * text cells for anyone who wants to edit before uploading.
 */

export type BatchShipRow = {
  orderExternalId: string;
  /** The carrier's full Chinese name as the platform lists it (圆通速递, not 圆通). */
  carrierName: string;
  trackingNo: string;
  /** Only for split shipments (one order, several parcels). */
  subOrderId?: string | null;
};

/** Checks the rows and lays out the header and cells; shared by the CSV and XLSX writers. */
export function batchShipTable(rows: readonly BatchShipRow[]): string[][] {
  const split = rows.some((r) => r.subOrderId);
  const seen = new Map<string, number>();
  const body = rows.map((r, i) => {
    const where = { n: i + 1, order: r.orderExternalId };
    if (!PLATFORM_ORDER_ID.test(r.orderExternalId)) throw new AppError('INVALID_INPUT', msg('batchShip.orderIdDigits', where));
    if (split && r.subOrderId && !PLATFORM_ORDER_ID.test(r.subOrderId)) throw new AppError('INVALID_INPUT', msg('batchShip.subOrderIdDigits', where));
    if (r.carrierName.trim() === '') throw new AppError('INVALID_INPUT', msg('batchShip.carrierMissing', where));
    if (!/^[A-Za-z0-9]{6,40}$/.test(r.trackingNo)) throw new AppError('INVALID_INPUT', msg('batchShip.trackingBad', { ...where, tracking: r.trackingNo }));
    const key = `${r.orderExternalId}/${r.subOrderId ?? ''}`;
    const dup = seen.get(key);
    if (dup !== undefined) throw new AppError('INVALID_INPUT', msg('batchShip.duplicate', { ...where, first: dup + 1 }));
    seen.set(key, i);
    // The platform wants the full name (圆通速递, not 圆通); known short names are expanded.
    const known = findCarrier(r.carrierName);
    const carrier = known && known.code !== 'OTHER' ? known.name : r.carrierName.trim();
    const cells = [r.orderExternalId, carrier, r.trackingNo];
    return split ? [...cells, r.subOrderId ?? ''] : cells;
  });
  return [split ? [...BATCH_SHIP_HEADER, BATCH_SHIP_SUB_ORDER_COLUMN] : [...BATCH_SHIP_HEADER], ...body];
}

/** The 批量发货 CSV: GBK by default, because that is what the platform's uploads have always used. */
export function toBatchShipCsv(rows: readonly BatchShipRow[], opts: { encoding?: CsvEncoding } = {}): Buffer {
  return toCsv(batchShipTable(rows), { encoding: opts.encoding ?? 'gbk' });
}

/** The same table as XLSX with every cell stored as text, so Excel keeps 18-digit ids intact. */
export async function toBatchShipXlsx(rows: readonly BatchShipRow[]): Promise<Buffer> {
  const table = batchShipTable(rows);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(BATCH_SHIP_FILE_NAME);
  ws.columns = (table[0] ?? []).map(() => ({ width: 24, style: { numFmt: '@' } }));
  for (const r of table) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
