import { AppError } from '#shared/contract/errors';
import type { MessageKey } from '#shared/i18n/catalog';
import { msg } from '#shared/i18n/message';
import { rowAtEnd } from './csv-file';
import { readCsvHeader, sniffDelimiter } from './csv-records';
import { decodeText, encodingLabel, UndecodableText } from './decode-text';
import { classicSignature, normaliseHeader } from './header-aliases';
import type { NamedBytes } from './import-common';
import { ImportRejected } from './row-errors';

/**
 * Decides which parser reads a set of 1–2 dropped files, by content first (zip signature,
 * header names) and file name only as a tie-breaker, because sellers rename exports. Every refusal
 * says which file is wrong or missing.
 */

export type ImportFile = NamedBytes;
export type DetectedFormat =
  | { kind: 'taobao-classic'; orderFile: ImportFile; detailFile: ImportFile }
  /** One workbook with both sheets, or the 主订单 and 子订单 workbooks 千牛 hands out separately. */
  | { kind: 'qianniu-xlsx'; files: ImportFile[] }
  | { kind: 'mapped-csv'; file: ImportFile };

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
const HEADER_PROBE_BYTES = 64 * 1024;

type Kind = 'xlsx' | 'classic-order' | 'classic-detail' | 'csv';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const SIGNATURES: readonly (readonly [readonly number[], MessageKey])[] = [
  [OLE, 'import.file.isXls'],
  [[0x25, 0x50, 0x44, 0x46], 'import.file.isPdf'],
  [[0x89, 0x50, 0x4e, 0x47], 'import.file.isImage'],
  [[0xff, 0xd8, 0xff], 'import.file.isImage'],
  [[0x52, 0x61, 0x72, 0x21], 'import.file.isArchive'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'import.file.isArchive'],
  [[0x1f, 0x8b], 'import.file.isArchive'],
];

const starts = (b: Uint8Array, sig: readonly number[]): boolean => sig.every((x, i) => b[i] === x);
/** An Excel workbook by its first bytes: .xlsx (a zip) or .xls (an OLE file). */
export const isWorkbook = (b: Uint8Array): boolean => starts(b, ZIP) || starts(b, OLE);

/**
 * Binary data is full of control bytes; a text export with a stray NUL in one cell is not, and is
 * left to the parser, which names that cell's row and column.
 */
function looksBinary(b: Uint8Array): boolean {
  const probe = b.subarray(0, 8192);
  let controls = 0;
  for (const x of probe) if (x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d) controls++;
  return controls > Math.max(8, probe.length / 20);
}
const fail = (file: NamedBytes, key: MessageKey, params: Record<string, number> = {}): AppError =>
  new AppError('INVALID_INPUT', msg(key, { file: file.name, ...params }));

/**
 * The header row of a text file, decoded from a prefix cut at a line end (safe for UTF-8 and GBK).
 * @throws ImportRejected when the prefix does not decode: the row is named there and then
 */
function probeHeader(file: NamedBytes): string[] {
  let prefix = file.bytes.subarray(0, HEADER_PROBE_BYTES);
  if (file.bytes.length > HEADER_PROBE_BYTES) {
    const lf = prefix.lastIndexOf(0x0a);
    if (lf > 0) prefix = prefix.subarray(0, lf + 1);
  }
  let text: string;
  try {
    text = decodeText(prefix, 'auto', file.bytes.length > prefix.length).text;
  } catch (e) {
    if (!(e instanceof UndecodableText)) throw e;
    const row = rowAtEnd(e.before, sniffDelimiter(e.before.slice(0, e.before.search(/\r|\n|$/))));
    const key = e.claimed ? 'import.file.notDecodableAsClaimed' : 'import.file.notDecodable';
    throw new ImportRejected([{ file: file.name, row, msg: msg(key, { encoding: encodingLabel(e.encoding) }) }]);
  }
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  return (readCsvHeader(text, sniffDelimiter(firstLine)) ?? []).map(normaliseHeader);
}

function classify(file: NamedBytes): Kind {
  const b = file.bytes;
  if (b.length === 0) throw fail(file, 'import.file.empty');
  if (b.length > MAX_IMPORT_BYTES) throw fail(file, 'import.file.tooBig', { max: MAX_IMPORT_BYTES / 1024 / 1024 });
  if (starts(b, ZIP)) return 'xlsx';
  for (const [sig, key] of SIGNATURES) if (starts(b, sig)) throw fail(file, key);
  // Named .xlsx but no zip (a login page saved by the browser, a broken download): sent on to the
  // mapping check it was told "not a Taobao or 千牛 export, make a column mapping", a dead end.
  if (/\.xlsx$/i.test(file.name)) throw fail(file, 'import.xlsx.notWorkbook');
  const utf16 = starts(b, [0xff, 0xfe]) || starts(b, [0xfe, 0xff]);
  if (!utf16 && looksBinary(b)) throw fail(file, 'import.file.notText');
  const headers = probeHeader(file);
  if (headers.every((h) => h === '')) throw fail(file, 'import.file.noHeader');
  const has = (h: string): boolean => headers.includes(h);
  const { order, detail } = classicSignature;
  if (order.all.every(has) && order.any.some(has)) return 'classic-order';
  if (detail.all.every(has) && !detail.none.some(has)) return 'classic-detail';
  // A renamed or damaged classic file: let its parser name the missing columns.
  if (/ExportOrderDetailList/i.test(file.name)) return 'classic-detail';
  if (/ExportOrderList/i.test(file.name)) return 'classic-order';
  return 'csv';
}

function detailNameFor(orderName: string): string {
  const m = /ExportOrderList(\d+)/i.exec(orderName);
  return m ? `ExportOrderDetailList${m[1]}.csv` : 'ExportOrderDetailList….csv';
}

/**
 * `hasMapping`: the user picked a saved column mapping, so a single CSV is read with it even when
 * it looks like half of a classic pair.
 */
export function detectImportFormat(files: readonly ImportFile[], opts: { hasMapping?: boolean } = {}): DetectedFormat {
  if (files.length === 0) throw new AppError('INVALID_INPUT', msg('import.file.none'));
  if (files.length > 2) throw new AppError('INVALID_INPUT', msg('import.file.tooMany', { count: files.length, max: 2 }));
  const seen = files.map((f) => ({ file: f, kind: classify(f) }));
  const xlsx = seen.filter((s) => s.kind === 'xlsx');
  if (xlsx.length === seen.length) return { kind: 'qianniu-xlsx', files: xlsx.map((s) => s.file) };
  if (xlsx.length > 0) throw new AppError('INVALID_INPUT', msg('import.file.mixed'));
  const order = seen.filter((s) => s.kind === 'classic-order');
  const detail = seen.filter((s) => s.kind === 'classic-detail');
  const o = order[0];
  const d = detail[0];
  if (o && d) return { kind: 'taobao-classic', orderFile: o.file, detailFile: d.file };
  const only = seen[0];
  if (opts.hasMapping && seen.length === 1 && only) return { kind: 'mapped-csv', file: only.file };
  if (order.length === 2) throw new AppError('INVALID_INPUT', msg('import.classic.twoOrderFiles'));
  if (detail.length === 2) throw new AppError('INVALID_INPUT', msg('import.classic.twoDetailFiles'));
  if (o) throw new AppError('INVALID_INPUT', msg('import.classic.missingDetail', { file: o.file.name, expected: detailNameFor(o.file.name) }));
  if (d) throw new AppError('INVALID_INPUT', msg('import.classic.missingOrders', { file: d.file.name }));
  if (seen.length === 1 && only) return { kind: 'mapped-csv', file: only.file };
  throw new AppError('INVALID_INPUT', msg('import.file.unrecognised'));
}
