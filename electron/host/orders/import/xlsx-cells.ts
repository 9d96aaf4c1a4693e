import type { CellValue } from 'exceljs';
import { readBeijingDateTime, excelSerialToIso, spreadsheetDateToIso } from '#shared/domain/datetime';
import { readYuan } from '#shared/domain/money';
import { msg, type Message } from '#shared/i18n/message';
import { MAX_CELL_CHARS } from './csv-file';
import { readOrderId, readQty } from './import-common';
import { columnLetter, type Place, type RowErrors } from './row-errors';
import { forbiddenInCell, shown } from './text-guards';


/**
 * Spreadsheet cells come typed: numbers, dates, strings, rich text, formulas. These readers turn
 * each into what the order model wants, and say so when a value cannot be trusted (an 18-digit
 * order id stored as a number has already lost its last digits inside the file).
 */

export type Read<T> = { ok: true; v: T } | { ok: false; reason: Message };

/** The displayed text of a cell value; formulas give their cached result. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return cellText(v.result as CellValue);
  if ('text' in v && typeof v.text === 'string') return v.text;
  return '';
}

/** The raw value behind a formula, so a numeric id inside a formula is still caught. */
function plain(v: CellValue): CellValue {
  return v !== null && typeof v === 'object' && !(v instanceof Date) && 'result' in v ? (v.result as CellValue) : v;
}

export function idCell(v: CellValue): Read<string> {
  const p = plain(v);
  if (typeof p === 'number') {
    if (!Number.isSafeInteger(p)) return { ok: false, reason: msg('import.xlsx.idAsNumber', { value: String(p) }) };
    const r = readOrderId(String(p));
    return r.ok ? { ok: true, v: r.id } : { ok: false, reason: r.reason };
  }
  const r = readOrderId(cellText(p));
  return r.ok ? { ok: true, v: r.id } : { ok: false, reason: r.reason };
}

export function moneyCell(v: CellValue): Read<number | null> {
  const p = plain(v);
  // String(59.8) is '59.8': the shortest round-trip form, so no float noise reaches readYuan.
  const text = typeof p === 'number' ? String(p) : cellText(p);
  const r = readYuan(text);
  return r.ok ? { ok: true, v: r.fen } : { ok: false, reason: msg('import.cell.amount', { value: shown(text) }) };
}

export function dateCell(v: CellValue): Read<string | null> {
  const p = plain(v);
  if (p instanceof Date) {
    const iso = spreadsheetDateToIso(p);
    return iso === null ? { ok: false, reason: msg('import.cell.date', { value: '' }) } : { ok: true, v: iso };
  }
  if (typeof p === 'number') {
    const iso = excelSerialToIso(p);
    return iso === null ? { ok: false, reason: msg('import.cell.date', { value: String(p) }) } : { ok: true, v: iso };
  }
  const r = readBeijingDateTime(cellText(p));
  return r.ok ? { ok: true, v: r.iso } : { ok: false, reason: msg('import.cell.date', { value: shown(cellText(p)) }) };
}

export function qtyCell(v: CellValue): Read<number> {
  const p = plain(v);
  const q = typeof p === 'number' ? (Number.isInteger(p) && p > 0 && p < 1e6 ? p : null) : readQty(cellText(p));
  return q === null ? { ok: false, reason: msg('import.cell.qty', { value: shown(cellText(p)) }) } : { ok: true, v: q };
}

/** What the cell checks need of a sheet: its place, column names and, per column, cap and code flag (1-based, as Excel). */
export type CheckedSheet = { place: Place; headers: readonly string[]; caps: readonly (number | undefined)[]; codes: readonly boolean[] };

/** Records every refused character and overlong cell of one row, column by column. */
export function checkRowCells(values: readonly CellValue[], sheet: CheckedSheet, row: number, errors: RowErrors): void {
  for (let i = 1; i < values.length; i++) {
    const text = cellText(values[i] ?? null);
    if (text === '') continue;
    const column = sheet.headers[i] ?? columnLetter(i - 1);
    const max = sheet.caps[i] ?? MAX_CELL_CHARS;
    if (text.length > max) errors.add(sheet.place, row, column, msg('import.cell.tooLong', { length: text.length, max }));
    const bad = forbiddenInCell(text, sheet.codes[i] === true);
    if (bad !== null) errors.add(sheet.place, row, column, msg('import.cell.control', { char: bad }));
  }
}
