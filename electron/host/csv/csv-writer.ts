import iconv from 'iconv-lite';

/**
 * Writing CSV for people and for other programs: every export Packdesk writes (批量发货, the audit,
 * the SKU list) goes through here, so each one is neutralised against formula injection alike and
 * the SKU import can read a neutralised cell back ({@link unneutralised}).
 */

export type CsvEncoding = 'gbk' | 'utf-8';
export type CsvCell = string | number | null | undefined;

/**
 * Cells given the apostrophe: a spreadsheet formula trigger (OWASP CSV injection: =, +, -, @, tab
 * and carriage return, and the full-width ＝＋－＠ a Chinese IME types, which a spreadsheet may read
 * as the ASCII ones), or apostrophes then one. The second kind gets one
 * more so that {@link unneutralised}, which drops one apostrophe before a trigger, gives back every
 * cell as it was (`'=x` is written `''=x`, which a spreadsheet shows as `'=x`).
 */
const NEUTRALISE = /^'*[=+\-@\t\r＝＋－＠]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell: text neutralised against formula injection (a leading apostrophe, which
 * spreadsheets hide) and quoted per RFC 4180 when it holds a comma, quote or line break.
 */
export function csvCell(value: CsvCell): string {
  // A number is a number (a negative stock count must stay one for the accountant's sums): no payload fits in it.
  if (typeof value === 'number') return String(value);
  const s = value === null || value === undefined ? '' : value;
  if (NEUTRALISE.test(s)) return `"'${s.replaceAll('"', '""')}"`;
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

/**
 * The text a {@link csvCell}-neutralised cell stood for: the apostrophe before a formula trigger
 * dropped. Spreadsheets hide that apostrophe, and nobody means one there, so an import that reads
 * files we wrote (the SKU list) gets back exactly what was exported.
 */
export function unneutralised(cell: string): string {
  return isNeutralised(cell) ? cell.slice(1) : cell;
}

/** Whether a cell read from a file is one {@link csvCell} neutralised: an apostrophe, then a formula trigger. */
export const isNeutralised = (cell: string): boolean => cell.startsWith("'") && NEUTRALISE.test(cell.slice(1));
