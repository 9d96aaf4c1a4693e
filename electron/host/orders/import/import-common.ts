import type { RowError } from '#shared/contract/common';
import type { ImportedOrder } from '#shared/contract/orders.contract';
import type { MessageKey } from '#shared/i18n/catalog';
import { msg, type Message } from '#shared/i18n/message';
import type { CsvPlan } from './csv-file';
import { qtyUnit, type OrderField } from './header-aliases';
import { orderCodeFields, orderFieldCaps } from './order-field-limits';
import type { RowErrors } from './row-errors';

/** Pieces shared by the order-file parsers: file shapes, the result and cell cleaners. */

export type { NamedBytes } from './csv-file';
export type ParsedOrders = { orders: ImportedOrder[]; errors: RowError[] };
/** `fraction` runs 0 → 1 over the whole import (all files), for a progress bar. */
export type ImportProgress = { fraction: number; rowsRead: number };
export type ProgressFn = (p: ImportProgress) => void;

/** A field's name in the reader's language (the column-mapping editor's labels). */
export const fieldMessage = (field: OrderField): Message => msg(`mapping.fields.${field}` as MessageKey);

/** Parser output: never half a result — any error empties `orders`, so a caller cannot import a part. */
export function finish(orders: ImportedOrder[], errors: RowErrors): ParsedOrders {
  return errors.count > 0 ? { orders: [], errors: errors.result() } : { orders, errors: [] };
}

/**
 * Column index per field (-1 when the file lacks it), and the CSV plan: which columns to
 * materialise, each one's length cap, and which hold codes.
 */
export function columnPlan<F extends OrderField>(
  index: Partial<Record<F, number>>,
  fields: readonly F[],
  width: number,
): { cols: Record<F, number> } & Required<Omit<CsvPlan, 'apostrophe'>> {
  const cols = {} as Record<F, number>;
  const keep = new Array<boolean>(width).fill(false);
  const caps = new Array<number | undefined>(width).fill(undefined);
  const codes = new Array<boolean>(width).fill(false);
  for (const f of fields) {
    const i = index[f];
    cols[f] = i ?? -1;
    if (i === undefined) continue;
    keep[i] = true;
    caps[i] = orderFieldCaps[f];
    codes[i] = orderCodeFields.has(f);
  }
  return { cols, keep, caps, codes };
}

/** The cell at `i`, or '' for an absent column (-1) or a short row. */
export function at(fields: readonly string[], i: number): string {
  return i < 0 ? '' : (fields[i] ?? '');
}

const ID_TEXT_FORMULA = /^="?|"$/g;

/** True when s[from..to) is 6–24 ASCII digits: an order id as it should be. */
function isIdDigits(s: string, from: number, to: number): boolean {
  if (to - from < 6 || to - from > 24) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Cleans an order id cell: `="4012…"`, `'4012…`, tabs and spaces go; the digits stay a string. */
export function readOrderId(raw: string): { ok: true; id: string } | { ok: false; reason: Message } {
  // The two spellings of a clean export (bare digits, `="…"`), checked without regexes: every
  // row of both files goes through here.
  if (isIdDigits(raw, 0, raw.length)) return { ok: true, id: raw };
  if (raw.startsWith('="') && raw.endsWith('"') && isIdDigits(raw, 2, raw.length - 1)) return { ok: true, id: raw.slice(2, -1) };
  const s = raw.trim().replace(ID_TEXT_FORMULA, '').replace(/^'/, '').trim();
  if (/^\d{6,24}$/.test(s)) return { ok: true, id: s };
  if (s === '') return { ok: false, reason: msg('import.order.idEmpty') };
  if (/^\d+(?:\.\d+)?E\+?\d+$/i.test(s)) return { ok: false, reason: msg('import.order.idScientific', { value: s }) };
  return { ok: false, reason: msg('import.order.idFormat', { value: raw.trim() }) };
}

/**
 * An order id in a column-mapped CSV (another platform, an ERP): a Taobao-style id is read as
 * above, and any other id the `order.imported` op carries (letters, digits, - and _, up to 64) is
 * taken as written, e.g. 微店's M-1001. Digits Excel turned into scientific notation stay refused.
 */
export function readMappedOrderId(raw: string): { ok: true; id: string } | { ok: false; reason: Message } {
  const digits = readOrderId(raw);
  if (digits.ok || digits.reason.key !== 'import.order.idFormat') return digits;
  const s = raw.trim().replace(ID_TEXT_FORMULA, '').replace(/^'/, '').trim();
  if (/^[0-9A-Za-z_-]{1,64}$/.test(s)) return { ok: true, id: s };
  return { ok: false, reason: msg('import.order.idFormatMapped', { value: raw.trim() }) };
}

/** Phones are written as `'186…` so Excel keeps them as text; Excel re-saves may add `="…"`. */
export function readPhone(raw: string): string {
  // Fast path for the export's own `'186…` spelling.
  if (raw.charCodeAt(0) === 39 && isIdDigits(raw, 1, raw.length)) return raw.slice(1);
  return raw.trim().replace(ID_TEXT_FORMULA, '').replace(/^'/, '').trim();
}

/** Free text (留言, 备注): one newline convention, outer whitespace trimmed. */
export function readText(raw: string): string {
  const s = raw.trim();
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

/** `No:773…`, `="773…"` → '773…' (normalising is left to the tracking-number rules). */
export function readTrackingCell(raw: string): string {
  return raw.trim().replace(ID_TEXT_FORMULA, '').replace(/^No[:：]/i, '').trim();
}

/** Positive integer quantity, or null. */
export function readQty(raw: string): number | null {
  const s = raw.trim().replace(qtyUnit, '');
  if (!/^\d{1,6}(?:\.0+)?$/.test(s)) return null;
  const n = Number(s);
  return n > 0 ? n : null;
}
