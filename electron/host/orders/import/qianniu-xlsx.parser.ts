import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import { AppError } from '#shared/contract/errors';
import type { ImportedOrder, OrderLine, PlatformStatus } from '#shared/contract/orders.contract';
import { splitTaobaoAddress } from '#shared/domain/address';
import { parsePlatformStatus } from '#shared/domain/order-status';
import { normaliseTrackingNo } from '#shared/domain/tracking-number';
import { msg, type Message } from '#shared/i18n/message';
import { headerNames } from './csv-file';
import { fieldLabel, noRefundTexts, normaliseHeader, orderHeaderAliases as A, resolveHeaders, type OrderField } from './header-aliases';
import { columnPlan, finish, readPhone, readText, readTrackingCell, type NamedBytes, type ParsedOrders, type ProgressFn } from './import-common';
import { RowErrors, type Place } from './row-errors';
import { shown } from './text-guards';
import { cellText, checkRowCells, dateCell, idCell, moneyCell, qtyCell, type CheckedSheet, type Read } from './xlsx-cells';
import { checkXlsxSize } from './xlsx-size-guard';

/**
 * 千牛 XLSX exports (china-formats §1.4): a 主订单 sheet (one row per order) and a 子订单 sheet (one
 * row per item), in one workbook or two. Sheets are recognised by their headers, not their names:
 * 子订单编号 + 主订单编号 → items; 订单编号 + 买家应付邮费/订单状态 → orders. Receiver columns are
 * often absent (encrypted exports); the receiver is then left blank rather than refused.
 */

type Sheet = CheckedSheet & { ws: Worksheet; headerRow: number; cols: Partial<Record<OrderField, number>> };
/** One data row; `name` gives a field's header as the sheet spells it, for messages. */
type Row = { place: Place; row: number; get: (f: OrderField) => CellValue; name: (f: OrderField) => string };
/** `source` is the 主订单 row when there is one; sub-order statuses only count when it has no 订单状态. */
type Draft = {
  order: ImportedOrder;
  source: Row | null;
  orderStatus: PlatformStatus | null;
  statuses: PlatformStatus[];
  /** Some row had a 订单状态 text, valid or not (an invalid one is already reported). */
  statusSeen: boolean;
  deadlines: string[];
};

const HEADER_SCAN_ROWS = 5;

function findHeader(ws: Worksheet): { headerRow: number; cols: Partial<Record<OrderField, number>>; headers: string[] } | null {
  for (let r = 1; r <= Math.min(HEADER_SCAN_ROWS, ws.rowCount); r++) {
    const values = ws.getRow(r).values as CellValue[];
    const texts = Array.from({ length: values.length }, (_, i) => normaliseHeader(cellText(values[i] ?? null)));
    const { index } = resolveHeaders(texts, A);
    const items = index.subOrderId !== undefined && index.orderId !== undefined;
    const orders = index.orderId !== undefined && (index.postage !== undefined || index.status !== undefined);
    // Excel columns are 1-based: index 0 of a row's values is empty, and column A is index 1.
    if (items || orders) return { headerRow: r, cols: index, headers: ['', ...headerNames(texts.slice(1))] };
  }
  return null;
}

async function loadSheets(files: readonly NamedBytes[]): Promise<{ orders: Sheet[]; items: Sheet[] }> {
  const orders: Sheet[] = [];
  const items: Sheet[] = [];
  for (const file of files) {
    await checkXlsxSize(file);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) as unknown as ArrayBuffer);
    } catch {
      throw new AppError('INVALID_INPUT', msg('import.xlsx.notWorkbook', { file: file.name }));
    }
    for (const ws of wb.worksheets) {
      const found = findHeader(ws);
      if (!found) continue;
      const { caps, codes } = columnPlan(found.cols, Object.keys(found.cols) as OrderField[], found.headers.length);
      const sheet: Sheet = { place: { file: file.name, sheet: shown(ws.name) }, ws, ...found, caps, codes };
      (found.cols.subOrderId !== undefined ? items : orders).push(sheet);
    }
  }
  if (orders.length === 0 && items.length === 0) {
    throw new AppError('INVALID_INPUT', msg('import.xlsx.noOrderSheet', { files: files.map((f) => f.name).join(', ') }));
  }
  return { orders, items };
}

/** The sheet's rows below the header, each already checked cell by cell (refused characters, lengths). */
function* rows(sheet: Sheet, errors: RowErrors): Generator<Row> {
  const { ws, cols, headers } = sheet;
  const name = (f: OrderField): string => {
    const i = cols[f];
    return (i === undefined ? undefined : headers[i]) ?? fieldLabel(A, f);
  };
  // Title rows and the header are checked too (as free text): nothing in a sheet that is read may hold a refused character.
  const above = { ...sheet, caps: [], codes: [] };
  for (let r = 1; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as CellValue[];
    checkRowCells(values, r <= sheet.headerRow ? above : sheet, r, errors);
    if (r <= sheet.headerRow || values.every((v) => cellText(v ?? null).trim() === '')) continue;
    yield {
      place: sheet.place,
      row: r,
      get: (f) => {
        const i = cols[f];
        return i === undefined ? null : (values[i] ?? null);
      },
      name,
    };
  }
}

const placeName = (p: Place): string => (typeof p === 'string' ? p : `${p.file} › ${p.sheet ?? ''}`);

/** Starts an order from whichever row first names it (the 主订单 row, or its first 子订单 row). */
function draft(row: Row, id: string, errors: RowErrors, fromOrderSheet: boolean): Draft {
  const read = <T>(f: OrderField, r: Read<T>, fallback: T): T => {
    if (r.ok) return r.v;
    errors.add(row.place, row.row, row.name(f), r.reason);
    return fallback;
  };
  const text = (f: OrderField): string => cellText(row.get(f)).trim();
  const addr = splitTaobaoAddress(cellText(row.get('receiverAddrModified')).trim() || text('receiverAddr'));
  return {
    order: {
      platform: 'taobao',
      externalId: id,
      platformStatus: 'WAIT_SELLER_SEND_GOODS',
      buyerNick: text('buyerNick'),
      receiver: { name: text('receiverName'), mobile: readPhone(text('mobile')), phone: readPhone(text('phone')), ...addr },
      buyerMessage: readText(cellText(row.get('buyerMessage'))),
      sellerMemo: readText(cellText(row.get('sellerMemo'))),
      paidFen: fromOrderSheet ? read('paid', moneyCell(row.get('paid')), null) : null,
      postageFen: read('postage', moneyCell(row.get('postage')), null),
      createdAt: read('createdAt', dateCell(row.get('createdAt')), null),
      paidAt: read('paidAt', dateCell(row.get('paidAt')), null),
      shipDeadline: fromOrderSheet ? read('shipDeadline', dateCell(row.get('shipDeadline')), null) : null,
      carrierName: text('carrierName'),
      trackingNo: normaliseTrackingNo(readTrackingCell(text('trackingNo'))),
      lines: [],
    },
    source: fromOrderSheet ? row : null,
    orderStatus: null,
    statuses: [],
    statusSeen: false,
    deadlines: [],
  };
}

function status(row: Row, d: Draft, errors: RowErrors): PlatformStatus | null {
  const text = cellText(row.get('status')).trim();
  if (text === '') return null;
  d.statusSeen = true;
  const s = parsePlatformStatus(text);
  if (s === null) errors.add(row.place, row.row, row.name('status'), msg('import.order.unknownStatus', { value: shown(text) }));
  return s;
}

/** An order's status from its sub-orders: some still waiting and some sent means a split shipment. */
function combine(statuses: PlatformStatus[]): PlatformStatus | null {
  if (statuses.length === 0) return null;
  const waiting = statuses.includes('WAIT_SELLER_SEND_GOODS');
  const sent = statuses.some((s) => s === 'WAIT_BUYER_CONFIRM_GOODS' || s === 'SELLER_CONSIGNED_PART');
  if (waiting && sent) return 'SELLER_CONSIGNED_PART';
  if (waiting) return 'WAIT_SELLER_SEND_GOODS';
  return statuses[0] ?? null;
}

/**
 * Reads one workbook or several (the sheets are found by header) into orders or row errors.
 * @throws AppError INVALID_INPUT when a file is not a workbook or holds no order sheet
 */
export async function parseQianniuXlsx(input: NamedBytes | readonly NamedBytes[], onProgress?: ProgressFn): Promise<ParsedOrders> {
  const files = Array.isArray(input) ? (input as readonly NamedBytes[]) : [input as NamedBytes];
  const { orders: orderSheets, items: itemSheets } = await loadSheets(files);
  const errors = new RowErrors();
  const drafts = new Map<string, Draft>();
  const firstRow = new Map<string, Row>();
  const total = [...orderSheets, ...itemSheets].reduce((s, x) => s + x.ws.rowCount, 0) || 1;
  let done = 0;
  const tick = (): void => {
    if (onProgress && ++done % 500 === 0) onProgress({ fraction: done / total, rowsRead: done });
  };

  for (const sheet of orderSheets) {
    for (const row of rows(sheet, errors)) {
      tick();
      const id = idCell(row.get('orderId'));
      if (!id.ok) {
        errors.add(row.place, row.row, row.name('orderId'), id.reason);
        continue;
      }
      const seen = firstRow.get(id.v);
      if (seen) {
        errors.add(row.place, row.row, row.name('orderId'), msg('import.order.idDuplicateIn', { id: id.v, where: placeName(seen.place), row: seen.row }));
        continue;
      }
      firstRow.set(id.v, row);
      const d = draft(row, id.v, errors, true);
      d.orderStatus = status(row, d, errors);
      drafts.set(id.v, d);
    }
  }
  const ordersKnown = orderSheets.length > 0;

  for (const sheet of itemSheets) {
    for (const row of rows(sheet, errors)) {
      tick();
      const id = idCell(row.get('orderId'));
      const sub = idCell(row.get('subOrderId'));
      if (!id.ok) errors.add(row.place, row.row, row.name('orderId'), id.reason);
      if (!sub.ok) errors.add(row.place, row.row, row.name('subOrderId'), sub.reason);
      if (!id.ok || !sub.ok) continue;
      let d = drafts.get(id.v);
      if (!d) {
        if (ordersKnown) {
          errors.add(row.place, row.row, row.name('orderId'), msg('import.order.notInOrderSheet', { id: id.v }));
          // Its own cells are still checked (into an order that is dropped), so every problem is listed at once.
          addLine(draft(row, id.v, new RowErrors(), true), row, sub.v, errors);
          continue;
        }
        d = draft(row, id.v, errors, false);
        drafts.set(id.v, d);
        firstRow.set(id.v, row);
      }
      addLine(d, row, sub.v, errors);
    }
  }

  const out: ImportedOrder[] = [];
  for (const d of drafts.values()) {
    const o = d.order;
    const s = d.orderStatus ?? combine(d.statuses);
    if (s === null && !d.statusSeen) {
      const at = d.source ?? firstRow.get(o.externalId);
      errors.add(at?.place ?? files[0]?.name ?? '', at?.row ?? 0, fieldLabel(A, 'status'), msg('import.order.noStatus'));
    }
    o.platformStatus = s ?? o.platformStatus;
    if (o.shipDeadline === null && d.deadlines.length > 0) o.shipDeadline = d.deadlines.sort()[0] ?? null;
    if (o.lines.length === 0 && d.source) {
      const qty = qtyCell(d.source.get('qty'));
      const title = readText(cellText(d.source.get('title')));
      o.lines.push({ lineNo: 1, subOrderId: null, skuCode: null, title, props: null, qty: qty.ok ? qty.v : 1, priceFen: null, refundStatus: null });
    }
    out.push(o);
  }
  onProgress?.({ fraction: 1, rowsRead: done });
  return finish(out, errors);
}

function addLine(d: Draft, row: Row, subOrderId: string, errors: RowErrors): void {
  const o = d.order;
  const fail = (f: OrderField, reason: Message): void => errors.add(row.place, row.row, row.name(f), reason);
  const qty = qtyCell(row.get('qty'));
  if (!qty.ok) fail('qty', qty.reason);
  const price = moneyCell(row.get('price'));
  if (!price.ok) fail('price', price.reason);
  const deadline = dateCell(row.get('shipDeadline'));
  if (!deadline.ok) fail('shipDeadline', deadline.reason);
  else if (deadline.v !== null) d.deadlines.push(deadline.v);
  const s = status(row, d, errors);
  if (s) d.statuses.push(s);
  if (d.source === null) {
    // No 主订单 sheet: order-level facts come from the sub-order rows.
    const paid = moneyCell(row.get('paid'));
    if (paid.ok && paid.v !== null) o.paidFen = (o.paidFen ?? 0) + paid.v;
  }
  if (o.buyerMessage === '') o.buyerMessage = readText(cellText(row.get('buyerMessage')));
  if (o.sellerMemo === '') o.sellerMemo = readText(cellText(row.get('sellerMemo')));
  if (o.trackingNo === '') o.trackingNo = normaliseTrackingNo(readTrackingCell(cellText(row.get('trackingNo'))));
  if (o.carrierName === '') o.carrierName = cellText(row.get('carrierName')).trim();
  const sku = cellText(row.get('outerSku')).trim() || cellText(row.get('externalCode')).trim();
  const props = readText(cellText(row.get('skuProps')));
  const refund = cellText(row.get('refundStatus')).trim();
  const line: OrderLine = {
    lineNo: o.lines.length + 1,
    subOrderId,
    skuCode: sku === '' ? null : sku,
    title: readText(cellText(row.get('title'))),
    props: props === '' ? null : props,
    qty: qty.ok ? qty.v : 1,
    priceFen: price.ok ? price.v : null,
    refundStatus: noRefundTexts.has(refund) ? null : refund,
  };
  o.lines.push(line);
}
