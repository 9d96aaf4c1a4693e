import type { RowError } from '#shared/contract/common';
import { AppError } from '#shared/contract/errors';
import { checkTrackingNo } from '#shared/domain/tracking-number';
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
/** A whole waybill number once written out: 6–40 ASCII capitals and digits (tracking-number's PLAUSIBLE), at least one a digit. */
const NUMBER = /^[A-Z0-9]{6,40}$/;
const DIGIT = /\d/;
const TAIL_DIGITS = /^(.*?)(\d+)$/;
// What people write inside a number ('sf 1392-0415 8866'): the spaces and dashes normaliseTrackingNo removes.
const GROUP_SEPARATOR = /[\s\u3000\-‐‑‒–—―−]+/;
// The separators people type, ASCII and full-width (～, and 至 "to").
const RANGE_SEPARATOR = /\s*[~～至]\s*/;
// 'A-B', each side one unbroken token: a range when both sides hold a digit.
const DASH_RANGE = /^([A-Za-z0-9]+)\s*[-‐‑‒–—―−]+\s*([A-Za-z0-9]+)$/;
const LIST_SEPARATOR = /[,;，；\t]+/;

type Entry = { kind: 'one'; number: string } | { kind: 'range'; from: string; to: string } | { kind: 'bad'; reason: Message };

/** Full-width letters, digits and signs as their ASCII twins ('ＹＴ１００－' → 'YT100-'), as normaliseTrackingNo does. */
const halfWidth = (text: string): string => text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

/**
 * True when the groups of a written-out number are really several numbers, or a number and a word,
 * run together ('YT7400000000001 YT7400000000002', 'SF1234567890123 used', 'YT100-YT050-YT200'):
 * carriers put letters before the digits, so a group after a digit may not start with a letter —
 * except a closing two-letter country code ('EA 123456785 CN', UPU S10).
 */
function runTogether(text: string): boolean {
  const groups = text.split(GROUP_SEPARATOR).filter((g) => g !== '');
  let digitSeen = false;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] ?? '';
    if (digitSeen && /^[A-Za-z]/.test(g) && !(i === groups.length - 1 && /^[A-Za-z]{2}$/.test(g))) return true;
    if (DIGIT.test(g)) digitSeen = true;
  }
  return false;
}

/**
 * One number as written ('sf 1392-0415 8866') → 'SF139204158866', or why it is not a waybill number.
 * Only ASCII letters and digits survive (after full-width → ASCII): 'ß' or 'ſ' would otherwise
 * become 'SS'/'S' through toUpperCase, and a number is printed on a real parcel.
 */
function numberOf(written: string): { ok: true; number: string } | { ok: false; reason: Message } {
  const value = { value: shown(written) };
  if (runTogether(written)) return { ok: false, reason: msg('pool.runTogether', value) };
  const plain = written.split(GROUP_SEPARATOR).join('');
  if (!/^[A-Za-z0-9]*$/.test(plain)) return { ok: false, reason: msg('pool.numberFormat', value) };
  const number = plain.toUpperCase();
  if (!DIGIT.test(number)) return { ok: false, reason: msg('pool.noDigit', value) };
  if (!NUMBER.test(number)) return { ok: false, reason: msg('pool.numberFormat', value) };
  return { ok: true, number };
}

/** A range's end as written: separators removed, or why it cannot be one. */
function rangeEnd(written: string): { ok: true; end: string } | { ok: false; reason: Message } {
  if (runTogether(written)) return { ok: false, reason: msg('pool.runTogether', { value: shown(written) }) };
  const plain = written.split(GROUP_SEPARATOR).join('');
  return { ok: true, end: /^[A-Za-z0-9]*$/.test(plain) ? plain.toUpperCase() : plain };
}

function range(fromText: string, toText: string): Entry {
  const from = rangeEnd(fromText);
  if (!from.ok) return { kind: 'bad', reason: from.reason };
  const to = rangeEnd(toText);
  if (!to.ok) return { kind: 'bad', reason: to.reason };
  return { kind: 'range', from: from.end, to: to.end };
}

function entry(raw: string): Entry {
  const text = halfWidth(raw);
  const tilde = text.split(RANGE_SEPARATOR);
  if (tilde.length === 2) return range(tilde[0] ?? '', tilde[1] ?? '');
  if (tilde.length > 2) return { kind: 'bad', reason: msg('pool.rangeUnreadable', { value: shown(raw) }) };
  // 'A-B' with a digit on both sides is a range, whatever its length: 'YT100-YT050' is a backwards
  // range, not the number YT100YT050. Otherwise the dashes are how a number was written
  // ('1392-0415-8866', 'DPK-364112047425').
  const dash = DASH_RANGE.exec(text);
  if (dash && DIGIT.test(dash[1] ?? '') && DIGIT.test(dash[2] ?? '')) return range(dash[1] ?? '', dash[2] ?? '');
  const one = numberOf(text);
  return one.ok ? { kind: 'one', number: one.number } : { kind: 'bad', reason: one.reason };
}

/** Expands 'YT…001'–'YT…100' keeping the zero padding; BigInt because suffixes pass 2^53. */
function expand(from: string, to: string): { ok: true; numbers: string[] } | { ok: false; reason: Message } {
  const ends = { from: shown(from), to: shown(to) };
  const wellFormed = /^[A-Z0-9]*\d$/;
  const a = TAIL_DIGITS.exec(from);
  const b = TAIL_DIGITS.exec(to);
  if (!a || !b || !wellFormed.test(from) || !wellFormed.test(to)) return { ok: false, reason: msg('pool.rangeEnds', ends) };
  const [, prefix = '', digitsA = ''] = a;
  const [, prefixB = '', digitsB = ''] = b;
  if (prefix !== prefixB || digitsA.length !== digitsB.length) return { ok: false, reason: msg('pool.rangeMismatch', ends) };
  const start = BigInt(digitsA);
  const end = BigInt(digitsB);
  if (end < start) return { ok: false, reason: msg('pool.rangeBackwards', ends) };
  // Both ends alike and in order, but each must still be a whole number ('YT100~YT200' is not).
  if (!NUMBER.test(from)) return { ok: false, reason: msg('pool.rangeEnds', ends) };
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
