import type { RowError } from '#shared/contract/common';
import { AppError } from '#shared/contract/errors';
import { checkTrackingNo, normaliseTrackingNo } from '#shared/domain/tracking-number';
import { msg, type Message } from '#shared/i18n/message';
import type { NamedBytes } from '../orders/import/csv-file';
import { decodeText, encodingLabel, UndecodableText } from '../orders/import/decode-text';
import { RowErrors } from '../orders/import/row-errors';
import { forbiddenInText, shown } from '../orders/import/text-guards';


/**
 * Waybill-number pools for carriers that hand out number blocks: pasted text or an uploaded
 * list, one number or range per line. A number printed twice means two parcels with one
 * label, so duplicates are reported rather than silently merged.
 */

export type WaybillPoolOptions = {
  /** When given, every number (each range's ends) is checked against the carrier's formats. */
  carrierCode?: string;
  /** Upper bound on numbers in one pool, so a typo in a range cannot exhaust memory. */
  maxTotal?: number;
};
export type WaybillPool = {
  /** Unique numbers in order of appearance. */
  numbers: string[];
  /** Lines that cannot be read (`row` is the line); a caller should not save the pool while there are any. */
  errors: RowError[];
  /** How many numbers repeated an earlier one (each is kept once in `numbers`). */
  duplicates: number;
  /** Format mismatches with the chosen carrier: worth a look, never a block. */
  warnings: RowError[];
};

export const MAX_RANGE = 100_000;
const DEFAULT_MAX_TOTAL = 1_000_000;
/** A line longer than this is not a list of waybill numbers. */
const MAX_LINE_CHARS = 2000;
const NUMBER = /^[A-Z0-9]{6,40}$/;
const TAIL_DIGITS = /^(.*?)(\d+)$/;
// The separators people type, ASCII and full-width (～, and 至 "to").
const RANGE_SEPARATOR = /\s*[~～至]\s*/;
const LIST_SEPARATOR = /[,;，；\t]+/;

type Entry = { kind: 'one'; number: string } | { kind: 'range'; from: string; to: string } | { kind: 'bad'; reason: Message };

function entry(text: string): Entry {
  const tilde = text.split(RANGE_SEPARATOR);
  if (tilde.length === 2) return { kind: 'range', from: normaliseTrackingNo(tilde[0] ?? ''), to: normaliseTrackingNo(tilde[1] ?? '') };
  if (tilde.length > 2) return { kind: 'bad', reason: msg('pool.rangeUnreadable', { value: shown(text) }) };
  // 'A-B' is meant as a range when both ends are whole waybill numbers (one unbroken token of 6+
  // characters); otherwise the hyphens are how a number was written ('sf 1392-0415 8866').
  const dash = /^([A-Za-z0-9]{6,})\s*[-–—]\s*([A-Za-z0-9]{6,})$/.exec(text);
  if (dash && /\d/.test(dash[1] ?? '') && /\d/.test(dash[2] ?? '')) {
    return { kind: 'range', from: normaliseTrackingNo(dash[1] ?? ''), to: normaliseTrackingNo(dash[2] ?? '') };
  }
  return { kind: 'one', number: normaliseTrackingNo(text) };
}

/** Expands 'YT…001'–'YT…100' keeping the zero padding; BigInt because suffixes pass 2^53. */
function expand(from: string, to: string): { ok: true; numbers: string[] } | { ok: false; reason: Message } {
  const a = TAIL_DIGITS.exec(from);
  const b = TAIL_DIGITS.exec(to);
  const ends = { from: shown(from), to: shown(to) };
  if (!a || !b || !NUMBER.test(from) || !NUMBER.test(to)) return { ok: false, reason: msg('pool.rangeEnds', ends) };
  const [, prefix = '', digitsA = ''] = a;
  const [, prefixB = '', digitsB = ''] = b;
  if (prefix !== prefixB || digitsA.length !== digitsB.length) return { ok: false, reason: msg('pool.rangeMismatch', ends) };
  const start = BigInt(digitsA);
  const end = BigInt(digitsB);
  if (end < start) return { ok: false, reason: msg('pool.rangeBackwards', ends) };
  const count = end - start + 1n;
  if (count > BigInt(MAX_RANGE)) return { ok: false, reason: msg('pool.rangeTooBig', { count: count.toString(), max: MAX_RANGE }) };
  const width = digitsA.length;
  const numbers: string[] = [];
  for (let i = start; i <= end; i++) numbers.push(prefix + i.toString().padStart(width, '0'));
  return { ok: true, numbers };
}

/** The text of a pasted list or an uploaded file, or null (with the problem recorded) when the file does not decode. */
function textOf(input: string | NamedBytes, errors: RowErrors): string | null {
  if (typeof input === 'string') return input;
  try {
    return decodeText(input.bytes).text;
  } catch (e) {
    if (!(e instanceof UndecodableText)) throw e;
    const key = e.claimed ? 'import.file.notDecodableAsClaimed' : 'import.file.notDecodable';
    errors.add(input.name, e.before.split(/\r\n|\r|\n/).length, undefined, msg(key, { encoding: encodingLabel(e.encoding) }));
    return null;
  }
}

/**
 * Reads pasted text (file '') or an uploaded file; lines are numbered from 1 as an editor shows them.
 * @throws AppError INVALID_INPUT when the list holds no number at all
 */
export function parseWaybillPool(input: string | NamedBytes, opts: WaybillPoolOptions = {}): WaybillPool {
  const file = typeof input === 'string' ? '' : input.name;
  const maxTotal = opts.maxTotal ?? DEFAULT_MAX_TOTAL;
  const errors = new RowErrors();
  const warnings = new RowErrors();
  let duplicates = 0;
  const error = (line: number, message: Message): void => errors.add(file, line, undefined, message);
  const firstLine = new Map<string, number>();
  const numbers: string[] = [];
  const rejected = (): WaybillPool => ({ numbers: [], errors: errors.result(), duplicates, warnings: warnings.result() });
  const text = textOf(input, errors);
  if (text === null) return rejected();

  const lines = text.split(/\r\n|\r|\n/);
  for (let li = 0; li < lines.length; li++) {
    const row = li + 1;
    const raw = lines[li] ?? '';
    if (raw.length > MAX_LINE_CHARS) {
      error(row, msg('import.cell.tooLong', { length: raw.length, max: MAX_LINE_CHARS }));
      continue;
    }
    // Comments too: nothing a file holds may carry a refused character past the import.
    const bad = forbiddenInText(raw);
    if (bad !== null) {
      error(row, msg('import.cell.control', { char: bad }));
      continue;
    }
    const line = raw.replace(/\s+(?:#|\/\/).*$/, '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith('//')) continue;
    // A first line without any digit is a column header from a spreadsheet ('运单号').
    if (row === 1 && !/\d/.test(line)) continue;
    for (const part of line.split(LIST_SEPARATOR)) {
      const t = part.trim();
      if (t === '') continue;
      const e = entry(t);
      let batch: string[];
      if (e.kind === 'bad') {
        error(row, e.reason);
        continue;
      } else if (e.kind === 'range') {
        const r = expand(e.from, e.to);
        if (!r.ok) {
          error(row, r.reason);
          continue;
        }
        batch = r.numbers;
      } else if (!NUMBER.test(e.number)) {
        error(row, msg('pool.numberFormat', { value: shown(t) }));
        continue;
      } else {
        batch = [e.number];
      }
      if (numbers.length + batch.length > maxTotal) {
        error(row, msg('pool.tooMany', { max: maxTotal }));
        return rejected();
      }
      if (opts.carrierCode) {
        const ends = batch.length > 1 ? [batch[0] ?? '', batch[batch.length - 1] ?? ''] : batch;
        const odd = ends.find((n) => !checkTrackingNo(opts.carrierCode ?? '', n).ok);
        if (odd !== undefined) warnings.add(file, row, undefined, msg('pool.unusualNumber', { number: odd, carrier: opts.carrierCode }));
      }
      for (const n of batch) {
        if (firstLine.has(n)) {
          duplicates++;
          continue;
        }
        firstLine.set(n, row);
        numbers.push(n);
      }
    }
  }
  if (errors.count > 0) return rejected();
  if (numbers.length === 0) throw new AppError('INVALID_INPUT', msg('pool.empty'));
  return { numbers, errors: [], duplicates, warnings: warnings.result() };
}
