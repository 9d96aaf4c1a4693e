import type { CellValue } from 'exceljs';
import { translatorFor } from '#shared/i18n/translator';
import { readBeijingDateTime, excelSerialToIso, spreadsheetDateToIso } from '#shared/domain/datetime';
import { readYuan } from '#shared/domain/money';
import { readOrderId, readQty } from './import-common';

// TODO(issue 7, imports): the row error carries the Message once its report does; rendered in Chinese until then.
const zh = translatorFor('zh-CN').t;

/**
 * Spreadsheet cells come typed: numbers, dates, strings, rich text, formulas. These readers turn
 * each into what the order model wants, and say so when a value cannot be trusted (an 18-digit
 * order id stored as a number has already lost its last digits inside the file).
 */

export type Read<T> = { ok: true; v: T } | { ok: false; reason: string };

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

export function idCell(v: CellValue, label: string): Read<string> {
  const p = plain(v);
  if (typeof p === 'number') {
    if (!Number.isSafeInteger(p)) {
      return {
        ok: false,
        reason: `${label}被存成了数字 ${p}，超过 2^53 已丢失精度，无法还原；请在千牛重新导出，或把该列设为文本后再导出`,
      };
    }
    const r = readOrderId(String(p));
    return r.ok ? { ok: true, v: r.id } : { ok: false, reason: r.reason };
  }
  const r = readOrderId(cellText(p));
  return r.ok ? { ok: true, v: r.id } : { ok: false, reason: r.reason };
}

export function moneyCell(v: CellValue): Read<number | null> {
  const p = plain(v);
  // String(59.8) is '59.8': the shortest round-trip form, so no float noise reaches readYuan.
  const r = readYuan(typeof p === 'number' ? String(p) : cellText(p));
  return r.ok ? { ok: true, v: r.fen } : { ok: false, reason: zh(r.reason) };
}

export function dateCell(v: CellValue): Read<string | null> {
  const p = plain(v);
  if (p instanceof Date) {
    const iso = spreadsheetDateToIso(p);
    return iso === null ? { ok: false, reason: '日期无效' } : { ok: true, v: iso };
  }
  if (typeof p === 'number') {
    const iso = excelSerialToIso(p);
    return iso === null ? { ok: false, reason: `日期格式错误: ${p}` } : { ok: true, v: iso };
  }
  const r = readBeijingDateTime(cellText(p));
  return r.ok ? { ok: true, v: r.iso } : { ok: false, reason: zh(r.reason) };
}

export function qtyCell(v: CellValue): Read<number> {
  const p = plain(v);
  const q = typeof p === 'number' ? (Number.isInteger(p) && p > 0 && p < 1e6 ? p : null) : readQty(cellText(p));
  return q === null ? { ok: false, reason: `数量格式错误: "${cellText(p)}"` } : { ok: true, v: q };
}
