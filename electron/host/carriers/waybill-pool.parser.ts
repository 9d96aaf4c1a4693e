import { translatorFor } from '#shared/i18n/translator';
import { checkTrackingNo, normaliseTrackingNo } from '#shared/domain/tracking-number';
import { decodeText } from '../orders/import/decode-text';
import type { NamedBytes } from '../orders/import/import-common';

// TODO(issue 7, imports): the warning carries the Message once the pool report does; rendered in Chinese until then.
const zh = translatorFor('zh-CN').t;

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
export type LineProblem = { line: number; message: string };
export type WaybillPool = {
  /** Unique numbers in order of appearance. */
  numbers: string[];
  /** Lines that cannot be read; a caller should not save the pool while there are any. */
  errors: LineProblem[];
  /** How many numbers repeated an earlier one (each is kept once in `numbers`). */
  duplicates: number;
  /** Which lines repeated which numbers (the first {@link MAX_LISTED} only). */
  duplicateLines: LineProblem[];
  /** Format mismatches with the chosen carrier, as '第 n 行：…': worth a look, never a block. */
  warnings: string[];
};

export const MAX_RANGE = 100_000;
/** Lists stop growing here; a pasted block with 50 000 repeats needs one message, not 50 000. */
export const MAX_LISTED = 500;
const DEFAULT_MAX_TOTAL = 1_000_000;
const NUMBER = /^[A-Z0-9]{6,40}$/;
const TAIL_DIGITS = /^(.*?)(\d+)$/;

type Entry = { kind: 'one'; number: string } | { kind: 'range'; from: string; to: string } | { kind: 'bad'; reason: string };

function entry(text: string): Entry {
  const tilde = text.split(/\s*[~～至]\s*/);
  if (tilde.length === 2) return { kind: 'range', from: normaliseTrackingNo(tilde[0] ?? ''), to: normaliseTrackingNo(tilde[1] ?? '') };
  if (tilde.length > 2) return { kind: 'bad', reason: `无法识别的范围: "${text}"` };
  // 'A-B' is meant as a range when both ends are whole waybill numbers (one unbroken token of 6+
  // characters); otherwise the hyphens are how a number was written ('sf 1392-0415 8866').
  const dash = /^([A-Za-z0-9]{6,})\s*[-–—]\s*([A-Za-z0-9]{6,})$/.exec(text);
  if (dash && /\d/.test(dash[1] ?? '') && /\d/.test(dash[2] ?? '')) {
    return { kind: 'range', from: normaliseTrackingNo(dash[1] ?? ''), to: normaliseTrackingNo(dash[2] ?? '') };
  }
  return { kind: 'one', number: normaliseTrackingNo(text) };
}

/** Expands 'YT…001'–'YT…100' keeping the zero padding; BigInt because suffixes pass 2^53. */
function expand(from: string, to: string): { ok: true; numbers: string[] } | { ok: false; reason: string } {
  const a = TAIL_DIGITS.exec(from);
  const b = TAIL_DIGITS.exec(to);
  if (!a || !b || !NUMBER.test(from) || !NUMBER.test(to)) return { ok: false, reason: `范围两端必须是以数字结尾的运单号: "${from}" ~ "${to}"` };
  const [, prefix = '', digitsA = ''] = a;
  const [, prefixB = '', digitsB = ''] = b;
  if (prefix !== prefixB || digitsA.length !== digitsB.length) return { ok: false, reason: `范围两端的前缀或位数不同: "${from}" ~ "${to}"` };
  const start = BigInt(digitsA);
  const end = BigInt(digitsB);
  if (end < start) return { ok: false, reason: `范围终点小于起点: "${from}" ~ "${to}"` };
  const count = end - start + 1n;
  if (count > BigInt(MAX_RANGE)) return { ok: false, reason: `范围包含 ${count} 个单号，超过上限 ${MAX_RANGE}` };
  const width = digitsA.length;
  const numbers: string[] = [];
  for (let i = start; i <= end; i++) numbers.push(prefix + i.toString().padStart(width, '0'));
  return { ok: true, numbers };
}

/** Reads pasted text or an uploaded file; lines are numbered from 1 as an editor shows them. */
export function parseWaybillPool(input: string | NamedBytes, opts: WaybillPoolOptions = {}): WaybillPool {
  const text = typeof input === 'string' ? input : decodeText(input.bytes).text;
  const maxTotal = opts.maxTotal ?? DEFAULT_MAX_TOTAL;
  const errors: LineProblem[] = [];
  const duplicateLines: LineProblem[] = [];
  const warnings: string[] = [];
  let duplicates = 0;
  const error = (line: number, message: string): void => {
    if (errors.length < MAX_LISTED) errors.push({ line, message });
  };
  const firstLine = new Map<string, number>();
  const numbers: string[] = [];

  const lines = text.split(/\r\n|\r|\n/);
  for (let li = 0; li < lines.length; li++) {
    const row = li + 1;
    const line = (lines[li] ?? '').replace(/\s+(?:#|\/\/).*$/, '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith('//')) continue;
    // A first line without any digit is a column header from a spreadsheet ('运单号').
    if (row === 1 && !/\d/.test(line)) continue;
    for (const part of line.split(/[,;，；\t]+/)) {
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
        error(row, `运单号格式错误: "${t}"（应为 6–40 位字母或数字）`);
        continue;
      } else {
        batch = [e.number];
      }
      if (numbers.length + batch.length > maxTotal) {
        error(row, `单号总数超过上限 ${maxTotal}，请分批导入`);
        return { numbers: [], errors, duplicates, duplicateLines, warnings };
      }
      if (opts.carrierCode) {
        const ends = batch.length > 1 ? [batch[0] ?? '', batch[batch.length - 1] ?? ''] : batch;
        const bad = ends.map((n) => checkTrackingNo(opts.carrierCode ?? '', n)).find((c) => !c.ok);
        if (bad?.warning && warnings.length < MAX_LISTED) warnings.push(`第 ${row} 行：${zh(bad.warning)}`);
      }
      for (const n of batch) {
        const seen = firstLine.get(n);
        if (seen !== undefined) {
          duplicates++;
          if (duplicateLines.length < MAX_LISTED) duplicateLines.push({ line: row, message: `运单号 ${n} 重复（第 ${seen} 行已有）` });
          continue;
        }
        firstLine.set(n, row);
        numbers.push(n);
      }
    }
  }
  return { numbers, errors, duplicates, duplicateLines, warnings };
}
