import { AppError } from '#shared/contract/errors';
import type { RowError } from '#shared/contract/common';
import type { ColumnMapping, ImportedOrder } from '#shared/contract/orders.contract';
import { shipDeadlineFrom } from '#shared/domain/datetime';
import { shipBlockReason } from '#shared/domain/order-status';
import { msg, type Message } from '#shared/i18n/message';
import type { OpPayload } from '#shared/ops/index';
import { validateOpPayload } from '../ops/op-validate';
import { orderContentHash } from '../ops/order-imported.applier';
import { detectImportFormat, type ImportFile } from './import/detect-format';
import { ImportRejected } from './import/row-errors';
import { parseMappedCsv } from './import/mapped-csv.parser';
import { parseTaobaoClassic } from './import/taobao-classic.parser';

/**
 * Everything an import does before its first write, with no database: the format found, the file
 * parsed (decode, CSV/XLSX, row validation), and each order's `order.imported` payload built and
 * held to its op schema and size cap. It runs in the import's worker thread (import-parse.worker.ts),
 * so the bench's scans never wait behind it; tests may call it directly.
 */
export type ParseRequest = {
  files: ImportFile[];
  /** The saved mapping the user chose (read from the station's table by the caller), or null when none or not found. */
  mapping: ColumnMapping | null;
  /** The user chose a mapping (a mapped CSV without one is refused by name). */
  mappingName: string | null;
  shipPromiseHours: number;
  /** When the import started (ISO): the deadline's start for an order the file gives no payment time. */
  at: string;
};

/**
 * One order ready to write: its op's payload as validated, its JSON text and the content hash a
 * re-import compares. `deadlineFromImport`: its deadline was counted from the import time (the file
 * gave neither a payment time nor a deadline), so a deadline already stored for it is kept.
 */
export type ValidatedOrder = { order: OpPayload<'order.imported'>; json: string; hash: string; deadlineFromImport: boolean };
/** A line the bench cannot match a scan to unless it was bound at a bench (checked against the table after the write). */
export type UnboundLine = { id: string; orderId: string; lineNo: number; title: string };

export type ParseOutcome = {
  format: 'taobao-classic' | 'qianniu-xlsx' | 'mapped-csv' | null;
  ordersRead: number;
  errors: RowError[];
  /** What an accepted import made up for the file's gaps, for the report (catalog messages); the deadlines' are known only after the write (import-write.ts). */
  notices: Message[];
};

export type ParseSink = { progress(done: number, total: number): void };

/** The parsed file's orders turned into validated `order.imported` payloads, a batch at a time, when asked. */
export type PayloadSource = { next(max: number): ValidatedOrder[] };

/**
 * Parses the files completely (every row error is known before anything is written) and returns
 * the outcome with a source of payloads. The payloads are built, held to the op schema and hashed
 * only when the writer asks for the next batch: the worker prepares one batch while the main
 * thread writes the one before, and neither thread holds 100k payloads at once (on the main
 * thread that heap made garbage collection stop the bench for 30–50 ms, measured).
 */
export async function parseImport(req: ParseRequest, sink: ParseSink): Promise<{ outcome: ParseOutcome; payloads: PayloadSource; unbound: UnboundLine[] }> {
  const parsed = await parseFiles(req, sink);
  const outcome: ParseOutcome = { format: parsed.format, ordersRead: parsed.orders.length, errors: parsed.errors, notices: [] };
  if (parsed.errors.length > 0) return { outcome, payloads: { next: () => [] }, unbound: [] };
  outcome.notices = notices(req, parsed.format, parsed.orders);
  const unbound: UnboundLine[] = [];
  for (const order of parsed.orders) {
    if (shipBlockReason(order.platformStatus, order.lines) !== null) continue;
    for (const l of order.lines) {
      if (l.skuCode === null) unbound.push({ id: `${order.platform}:${order.externalId}`, orderId: order.externalId, lineNo: l.lineNo, title: l.title });
    }
  }
  let at = 0;
  const next = (max: number): ValidatedOrder[] => {
    const batch: ValidatedOrder[] = [];
    for (; at < parsed.orders.length && batch.length < max; at++) {
      const order = parsed.orders[at] as ImportedOrder;
      const id = `${order.platform}:${order.externalId}`;
      const fromImport = deadlineFromImport(order);
      const start = fromImport ? req.at : order.paidAt;
      const shipDeadline = order.shipDeadline ?? (start ? shipDeadlineFrom(start, req.shipPromiseHours) : null);
      const payload = validateOpPayload('order.imported', importedOrderPayload(id, order, shipDeadline));
      batch.push({ order: payload.parsed, json: payload.json, hash: orderContentHash(payload.json), deadlineFromImport: fromImport });
    }
    return batch;
  };
  return { outcome, payloads: { next }, unbound };
}

/**
 * An order that may ship but whose file gives neither a deadline nor a payment time (a mapped CSV
 * without those columns): without a deadline it sorted last and never showed as due or late, so
 * the shop's promise is counted from the import, the earliest the shop can have known of it.
 */
function deadlineFromImport(o: ImportedOrder): boolean {
  return o.shipDeadline === null && o.paidAt === null && shipBlockReason(o.platformStatus, []) === null;
}

/**
 * Report lines for where the file was silent: orders whose platform status it did not say (no
 * status column, or only blank cells: imported with no status, packable).
 */
function notices(req: ParseRequest, format: ParseOutcome['format'], orders: readonly ImportedOrder[]): Message[] {
  const out: Message[] = [];
  // A file with a header and no rows (an export of the wrong days) is not an error, but "导入成功"
  // with 0 read left sellers thinking their orders were in: say what the file held.
  if (orders.length === 0) out.push(msg('import.notice.noOrders'));
  const unknown = orders.reduce((n, o) => n + (o.platformStatus === null ? 1 : 0), 0);
  if (format === 'mapped-csv' && unknown > 0) {
    const noColumn = (req.mapping?.columns.status ?? '').trim() === '';
    out.push(msg(noColumn ? 'import.notice.noStatusColumn' : 'import.notice.blankStatus', { count: unknown }));
  }
  return out;
}

async function parseFiles(req: ParseRequest, sink: ParseSink) {
  let format: ReturnType<typeof detectImportFormat>;
  try {
    format = detectImportFormat(req.files, { hasMapping: req.mappingName !== null });
  } catch (e) {
    if (!(e instanceof ImportRejected)) throw e;
    return { format: null, orders: [] as ImportedOrder[], errors: e.errors };
  }
  const onProgress = (p: { fraction: number; rowsRead: number }) => sink.progress(Math.round(p.fraction * 1000), 1000);
  switch (format.kind) {
    case 'taobao-classic':
      return { format: format.kind, ...parseTaobaoClassic({ orderFile: format.orderFile, detailFile: format.detailFile }, onProgress) };
    case 'qianniu-xlsx':
      // exceljs (and its zip readers) loads with the first XLSX, not with every station.
      return { format: format.kind, ...(await (await import('./import/qianniu-xlsx.parser')).parseQianniuXlsx(format.files, onProgress)) };
    case 'mapped-csv':
      if (req.mappingName === null) throw new AppError('INVALID_INPUT', msg('import.file.needsMapping', { file: format.file.name }));
      if (req.mapping === null) throw new AppError('NOT_FOUND', msg('import.mapping.notFound', { name: req.mappingName }));
      return { format: format.kind, ...parseMappedCsv(format.file, req.mapping, onProgress) };
  }
}

/**
 * The `order.imported` op payload: the whole order plus its id and effective deadline, every
 * object's keys in the op schema's order, so its text (the content hash a re-import compares) is
 * the same as the validated payload's wherever it is applied. Spelled out rather than spread: the
 * object spreads per order took ~10% of an import (measured).
 */
function importedOrderPayload(id: string, o: ImportedOrder, shipDeadline: string | null): OpPayload<'order.imported'> {
  const r = o.receiver;
  return {
    id, platform: o.platform, externalId: o.externalId, platformStatus: o.platformStatus, buyerNick: o.buyerNick,
    receiver: { name: r.name, mobile: r.mobile, phone: r.phone, province: r.province, city: r.city, district: r.district, detail: r.detail, zip: r.zip },
    buyerMessage: o.buyerMessage, sellerMemo: o.sellerMemo, paidFen: o.paidFen, postageFen: o.postageFen, createdAt: o.createdAt,
    paidAt: o.paidAt, shipDeadline, carrierName: o.carrierName, trackingNo: o.trackingNo,
    lines: o.lines.map((l) => ({
      lineNo: l.lineNo, subOrderId: l.subOrderId, skuCode: l.skuCode, title: l.title, props: l.props, qty: l.qty, priceFen: l.priceFen,
      refundStatus: l.refundStatus,
    })),
  };
}
