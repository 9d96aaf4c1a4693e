import { AppError } from '#shared/contract/errors';
import type { RowError } from '#shared/contract/common';
import type { ImportedOrder } from '#shared/contract/orders.contract';
import { CsvSyntaxError, forEachCsvRecord, sniffDelimiter, type CsvReadOptions } from './csv-records';
import { decodeText } from './decode-text';

/** Pieces shared by the order-file parsers: file shapes, the error collector and cell cleaners. */

export type NamedBytes = { name: string; bytes: Uint8Array };
export type ParsedOrders = { orders: ImportedOrder[]; errors: RowError[] };
/** `fraction` runs 0 → 1 over the whole import (all files), for a progress bar. */
export type ImportProgress = { fraction: number; rowsRead: number };
export type ProgressFn = (p: ImportProgress) => void;

/** Past this many, more errors add nothing a person can act on; the last entry says how many were left out. */
export const MAX_ROW_ERRORS = 500;

export class RowErrors {
  readonly list: RowError[] = [];
  private dropped = 0;

  add(file: string, row: number, column: string | undefined, message: string): void {
    if (this.list.length < MAX_ROW_ERRORS) {
      this.list.push(column === undefined ? { file, row, message } : { file, row, column, message });
    } else {
      this.dropped++;
    }
  }

  get count(): number {
    return this.list.length + this.dropped;
  }

  /** The errors, with a closing note when some were left out. */
  result(): RowError[] {
    if (this.dropped === 0) return this.list;
    return [...this.list, { file: this.list[0]?.file ?? '', row: 0, message: `另有 ${this.dropped} 处错误未列出` }];
  }
}

/** Parser output: never half a result — any error empties `orders`, so a caller cannot import a part. */
export function finish(orders: ImportedOrder[], errors: RowErrors): ParsedOrders {
  return errors.count > 0 ? { orders: [], errors: errors.result() } : { orders, errors: [] };
}

export type CsvWalk = {
  /** Gets the header record; may return the mask of columns worth materialising. */
  header(fields: string[]): readonly boolean[] | void;
  /**
   * Gets every later record with its spreadsheet row and the share of the file read so far.
   * `fields` is reused for the next record: copy it to keep it.
   */
  row(fields: string[], row: number, fraction: number): void;
};

/**
 * Decodes and walks a CSV file. An empty file, or an unterminated quote, is a whole-file
 * AppError naming the file (and the row).
 */
export function walkCsvFile(
  file: NamedBytes,
  walk: CsvWalk,
  /** `delimiter: 'auto'` picks comma, tab or semicolon from the header line. */
  opts: { encoding?: 'auto' | 'gbk' | 'utf-8'; delimiter?: string } = {},
): void {
  const { text } = decodeText(file.bytes, opts.encoding ?? 'auto');
  const total = text.length || 1;
  const delimiter = opts.delimiter === 'auto' ? sniffDelimiter(text.slice(0, Math.max(0, text.indexOf('\n')) || 4096)) : opts.delimiter;
  const read: CsvReadOptions = { delimiter: delimiter ?? ',', reuseFields: true };
  let seenHeader = false;
  try {
    forEachCsvRecord(
      text,
      (fields, row, end) => {
        if (seenHeader) return walk.row(fields, row, end / total);
        seenHeader = true;
        const keep = walk.header(fields.slice());
        if (keep) read.keep = keep;
      },
      read,
    );
  } catch (e) {
    if (e instanceof CsvSyntaxError) {
      throw new AppError('INVALID_INPUT', `${file.name}：${e.message}`, { file: file.name, row: e.row });
    }
    throw e;
  }
  if (!seenHeader) throw new AppError('INVALID_INPUT', `${file.name} 是空文件`, { file: file.name });
}

/** Column index per field, -1 when the file lacks it; also the keep-mask for the CSV reader. */
export function columnPlan<F extends string>(
  index: Partial<Record<F, number>>,
  fields: readonly F[],
  width: number,
): { cols: Record<F, number>; keep: boolean[] } {
  const cols = {} as Record<F, number>;
  const keep = new Array<boolean>(width).fill(false);
  for (const f of fields) {
    const i = index[f];
    cols[f] = i ?? -1;
    if (i !== undefined) keep[i] = true;
  }
  return { cols, keep };
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
export function readOrderId(raw: string): { ok: true; id: string } | { ok: false; reason: string } {
  // The two spellings of a clean export (bare digits, `="…"`), checked without regexes: every
  // row of both files goes through here.
  if (isIdDigits(raw, 0, raw.length)) return { ok: true, id: raw };
  if (raw.startsWith('="') && raw.endsWith('"') && isIdDigits(raw, 2, raw.length - 1)) return { ok: true, id: raw.slice(2, -1) };
  const s = raw.trim().replace(ID_TEXT_FORMULA, '').replace(/^'/, '').trim();
  if (/^\d{6,24}$/.test(s)) return { ok: true, id: s };
  if (s === '') return { ok: false, reason: '订单编号为空' };
  if (/^\d+(?:\.\d+)?E\+?\d+$/i.test(s)) {
    return { ok: false, reason: `订单编号被改成了科学计数法 "${s}"，精度已丢失（多为 Excel 另存所致），请使用原始导出文件` };
  }
  return { ok: false, reason: `订单编号格式错误: "${raw}"` };
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
  const s = raw.trim().replace(/件$/, '');
  if (!/^\d{1,6}(?:\.0+)?$/.test(s)) return null;
  const n = Number(s);
  return n > 0 ? n : null;
}
