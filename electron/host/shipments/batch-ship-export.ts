import iconv from 'iconv-lite';
import { AppError } from '#shared/contract/errors';
import { findCarrier } from '#shared/domain/carriers';
import { msg } from '#shared/i18n/message';
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

export type CsvEncoding = 'gbk' | 'utf-8';
export type CsvCell = string | number | null | undefined;

/** Spreadsheet formula triggers (OWASP CSV injection): =, +, -, @, tab and carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell: neutralised against formula injection (a leading apostrophe, which spreadsheets
 * hide) and quoted per RFC 4180 when it holds a comma, quote or line break.
 */
export function csvCell(value: CsvCell): string {
  const s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) return `"'${s.replaceAll('"', '""')}"`;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * A text cell of 12 to 255 ASCII digits (an order id, a ZTO tracking number). Excel's General format
 * shows 12 digits and more as 1.23457E+11 and keeps only 15 significant digits, so such a cell
 * re-saved from Excel has lost its last digits. 255 is the longest text a formula may hold.
 */
const LONG_DIGITS = /^[0-9]{12,255}$/;

/**
 * {@link csvCell} for a file meant to be opened in Excel: a string of 12+ digits and nothing else is
 * written as the text formula `="4012…"` (RFC 4180-quoted, so the field reads `="4012…"` to any CSV
 * parser), which Excel evaluates to the digits as text: it unquotes a field before reading it, as
 * it does for a quoted number. Every other value is exactly csvCell's, so no formula can be
 * injected this way: the only formula written is `="` + digits + `"`.
 *
 * Why `="…"` and not the other common trick, a tab next to the digits: Taobao's own order exports
 * use `="…"` (china-formats §1.7) and Microsoft documents it for CSV text (KB Q66033); Excel re-saves
 * the cell as the bare digits; our importers already strip it. A leading tab is one of the formula
 * triggers csvCell neutralises, and a tab either side stays in the value for every other reader.
 * Numbers stay numbers (a count is a quantity), and a shorter id with a leading zero is not covered.
 */
export function excelTextCell(value: CsvCell): string {
  return typeof value === 'string' && LONG_DIGITS.test(value) ? `"=""${value}"""` : csvCell(value);
}

/**
 * Rows (the first is usually the header) → CSV bytes with CRLF line ends. 'utf-8' gets a BOM so
 * Excel on Chinese Windows does not read it as GBK; 'gbk' is what Taobao's uploader and Excel's
 * default expect. Characters outside GBK (emoji in a buyer message) become '?' there.
 * `excelText` writes long digit-only cells with {@link excelTextCell}, for files people read in
 * Excel (the audit export); never for the 批量发货 upload, whose uploader reads plain digits.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], opts: { encoding: CsvEncoding; excelText?: boolean }): Buffer {
  const cell = opts.excelText === true ? excelTextCell : csvCell;
  const text = rows.map((r) => r.map(cell).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
  return opts.encoding === 'gbk'
    ? iconv.encode(text, 'gbk')
    : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

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
