import { AppError } from '#shared/contract/errors';
import { readCsvHeader, sniffDelimiter } from './csv-records';
import { decodeText } from './decode-text';
import { normaliseHeader } from './header-aliases';
import type { NamedBytes } from './import-common';

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
  /** `headers` lets the mapping screen offer the file's columns. */
  | { kind: 'mapped-csv'; file: ImportFile; headers: string[] };

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
const HEADER_PROBE_BYTES = 64 * 1024;

type Kind = 'xlsx' | 'classic-order' | 'classic-detail' | 'csv';

const SIGNATURES: readonly (readonly [readonly number[], string])[] = [
  [[0xd0, 0xcf, 0x11, 0xe0], '旧版 Excel（.xls）文件，请用 Excel 或 WPS 另存为 .xlsx 或 CSV 后再导入'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF 文件，不是订单导出文件'],
  [[0x89, 0x50, 0x4e, 0x47], '图片文件，不是订单导出文件'],
  [[0xff, 0xd8, 0xff], '图片文件，不是订单导出文件'],
  [[0x52, 0x61, 0x72, 0x21], '压缩包，请先解压'],
  [[0x37, 0x7a, 0xbc, 0xaf], '压缩包，请先解压'],
  [[0x1f, 0x8b], '压缩包，请先解压'],
];

const starts = (b: Uint8Array, sig: readonly number[]): boolean => sig.every((x, i) => b[i] === x);
const fail = (file: NamedBytes, why: string): AppError =>
  new AppError('INVALID_INPUT', `${file.name}：${why}`, { file: file.name });

/** The header row of a text file, decoded from a prefix cut at a line end (safe for UTF-8 and GBK). */
function probeHeader(file: NamedBytes): string[] {
  let prefix = file.bytes.subarray(0, HEADER_PROBE_BYTES);
  if (file.bytes.length > HEADER_PROBE_BYTES) {
    const lf = prefix.lastIndexOf(0x0a);
    if (lf > 0) prefix = prefix.subarray(0, lf + 1);
  }
  const { text } = decodeText(prefix);
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  return (readCsvHeader(text, sniffDelimiter(firstLine)) ?? []).map(normaliseHeader);
}

function classify(file: NamedBytes): { kind: Kind; headers: string[] } {
  const b = file.bytes;
  if (b.length === 0) throw fail(file, '文件是空的');
  if (b.length > MAX_IMPORT_BYTES) throw fail(file, '文件超过 200 MB，请按时间段分批导出后再导入');
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'xlsx', headers: [] };
  for (const [sig, why] of SIGNATURES) if (starts(b, sig)) throw fail(file, `这是${why}`);
  const utf16 = starts(b, [0xff, 0xfe]) || starts(b, [0xfe, 0xff]);
  if (!utf16 && b.subarray(0, 8192).includes(0)) throw fail(file, '不是文本或 Excel 文件，无法识别');
  const headers = probeHeader(file);
  if (headers.every((h) => h === '')) throw fail(file, '文件是空的（没有表头）');
  const has = (h: string): boolean => headers.includes(h);
  if (has('订单编号') && has('订单状态') && (has('收货人姓名') || has('收货地址')) && has('宝贝标题')) {
    return { kind: 'classic-order', headers };
  }
  if (has('订单编号') && has('标题') && has('购买数量') && !has('收货人姓名')) return { kind: 'classic-detail', headers };
  // A renamed or damaged classic file: let its parser name the missing columns.
  if (/ExportOrderDetailList/i.test(file.name)) return { kind: 'classic-detail', headers };
  if (/ExportOrderList/i.test(file.name)) return { kind: 'classic-order', headers };
  return { kind: 'csv', headers };
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
  if (files.length === 0) throw new AppError('INVALID_INPUT', '没有选择文件');
  if (files.length > 2) {
    throw new AppError('INVALID_INPUT', `一次最多导入 2 个文件（淘宝订单报表 + 宝贝报表，或千牛的两个 Excel），收到 ${files.length} 个`);
  }
  const seen = files.map((f) => ({ file: f, ...classify(f) }));
  const xlsx = seen.filter((s) => s.kind === 'xlsx');
  if (xlsx.length === seen.length) return { kind: 'qianniu-xlsx', files: xlsx.map((s) => s.file) };
  if (xlsx.length > 0) {
    throw new AppError('INVALID_INPUT', 'Excel 文件和 CSV 文件不能一起导入；千牛导出请只选 Excel，淘宝经典导出请选两个 CSV');
  }
  const order = seen.filter((s) => s.kind === 'classic-order');
  const detail = seen.filter((s) => s.kind === 'classic-detail');
  const o = order[0];
  const d = detail[0];
  if (o && d) return { kind: 'taobao-classic', orderFile: o.file, detailFile: d.file };
  const only = seen[0];
  if (opts.hasMapping && seen.length === 1 && only) return { kind: 'mapped-csv', file: only.file, headers: only.headers };
  if (order.length === 2) throw new AppError('INVALID_INPUT', '选了两个订单报表；请选一个订单报表（ExportOrderList）和一个宝贝报表（ExportOrderDetailList）');
  if (detail.length === 2) throw new AppError('INVALID_INPUT', '选了两个宝贝报表；请选一个订单报表（ExportOrderList）和一个宝贝报表（ExportOrderDetailList）');
  if (o) {
    throw new AppError('INVALID_INPUT', `缺少宝贝报表（${detailNameFor(o.file.name)}）：淘宝订单报表 ${o.file.name} 需要和同一次导出的宝贝报表一起导入`, {
      file: o.file.name,
      missing: 'detail',
    });
  }
  if (d) {
    throw new AppError('INVALID_INPUT', `缺少订单报表（ExportOrderList….csv）：宝贝报表 ${d.file.name} 需要和同一次导出的订单报表一起导入`, {
      file: d.file.name,
      missing: 'orders',
    });
  }
  if (seen.length === 1 && only) return { kind: 'mapped-csv', file: only.file, headers: only.headers };
  throw new AppError('INVALID_INPUT', '无法识别为淘宝订单报表 + 宝贝报表；其他格式的 CSV 请一次导入一个文件，并设置列映射');
}
