import { AppError } from '#shared/contract/errors';
import type { ImportedOrder, OrderLine } from '#shared/contract/orders.contract';
import { splitTaobaoAddress } from '#shared/domain/address';
import { readBeijingDateTime } from '#shared/domain/datetime';
import { formatFen, readYuan } from '#shared/domain/money';
import { parsePlatformStatus } from '#shared/domain/order-status';
import { normaliseTrackingNo } from '#shared/domain/tracking-number';
import { isBlankRecord } from './csv-records';
import { fieldLabel, orderHeaderAliases as A, resolveHeaders, type OrderField } from './header-aliases';
import {
  finish, readOrderId, readPhone, readQty, readText, readTrackingCell, RowErrors, walkCsvFile,
  type NamedBytes, type ParsedOrders, type ProgressFn,
} from './import-common';

/**
 * The classic 卖家中心 export pair (china-formats §1.2–1.3): 订单报表 (one row per order) and
 * 宝贝报表 (one row per item) joined on 订单编号. Every bad cell is reported with file, spreadsheet
 * row and column; any error empties the result so nothing is imported by halves.
 */

export type ClassicFiles = { orderFile: NamedBytes; detailFile: NamedBytes };

const ORDER_REQUIRED: OrderField[] = ['orderId', 'status', 'receiverName', 'receiverAddr', 'title'];
const DETAIL_REQUIRED: OrderField[] = ['orderId', 'title', 'qty'];
const PROGRESS_EVERY = 2000;

type Pending = { order: ImportedOrder; row: number; title: string; qtyText: string; refundFen: number | null };

/** Header row → column indexes; a missing required column is a whole-file error naming it. */
function headerIndex(file: NamedBytes, header: string[], required: OrderField[]): Partial<Record<OrderField, number>> {
  const { index, missingLabels } = resolveHeaders(header, A, required);
  if (missingLabels.length > 0) {
    throw new AppError('INVALID_INPUT', `${file.name} 缺少列：${missingLabels.join('、')}`, { file: file.name, missing: missingLabels });
  }
  return index;
}

/** Column-count check: fewer cells, or extra filled ones, mean a broken quote or an unquoted comma. */
function checkWidth(fields: string[], width: number): string | null {
  if (fields.length < width) return `列数不足（应为 ${width} 列，实为 ${fields.length} 列），该行可能被截断或含未加引号的换行`;
  for (let i = width; i < fields.length; i++) {
    if ((fields[i] ?? '').trim() !== '') return `列数过多（应为 ${width} 列，实为 ${fields.length} 列），可能含未加引号的逗号`;
  }
  return null;
}

export function parseTaobaoClassic(files: ClassicFiles, onProgress?: ProgressFn): ParsedOrders {
  const errors = new RowErrors();
  const pending = new Map<string, Pending>();
  const orderName = files.orderFile.name;
  const detailName = files.detailFile.name;
  const orderShare = files.orderFile.bytes.length / (files.orderFile.bytes.length + files.detailFile.bytes.length || 1);
  let rowsRead = 0;
  const tick = (fraction: number): void => {
    rowsRead++;
    if (onProgress && rowsRead % PROGRESS_EVERY === 0) onProgress({ fraction, rowsRead });
  };

  let ix: Partial<Record<OrderField, number>> | null = null;
  let width = 0;
  walkCsvFile(files.orderFile, (f, row, fraction) => {
    if (ix === null) {
      ix = headerIndex(files.orderFile, f, ORDER_REQUIRED);
      width = f.length;
      return;
    }
    tick(fraction * orderShare);
    if (isBlankRecord(f)) return;
    const cell = (field: OrderField): string => {
      const i = (ix as Partial<Record<OrderField, number>>)[field];
      return i === undefined ? '' : (f[i] ?? '');
    };
    const err = (field: OrderField | undefined, message: string): void =>
      errors.add(orderName, row, field === undefined ? undefined : fieldLabel(A, field), message);
    const widthProblem = checkWidth(f, width);
    if (widthProblem) return err(undefined, widthProblem);

    const id = readOrderId(cell('orderId'));
    if (!id.ok) return err('orderId', id.reason);
    const seen = pending.get(id.id);
    if (seen) return err('orderId', `订单编号 ${id.id} 重复（第 ${seen.row} 行已有）`);

    const statusText = cell('status');
    const status = parsePlatformStatus(statusText);
    if (status === null) err('status', `未知订单状态: "${statusText.trim()}"`);
    const money = (field: OrderField): number | null => {
      const r = readYuan(cell(field));
      if (r.ok) return r.fen;
      err(field, r.reason);
      return null;
    };
    const time = (field: OrderField): string | null => {
      const r = readBeijingDateTime(cell(field));
      if (r.ok) return r.iso;
      err(field, r.reason);
      return null;
    };
    const modified = cell('receiverAddrModified').trim();
    const addr = splitTaobaoAddress(modified !== '' ? modified : cell('receiverAddr'));
    const order: ImportedOrder = {
      platform: 'taobao',
      externalId: id.id,
      platformStatus: status ?? 'WAIT_BUYER_PAY',
      buyerNick: cell('buyerNick').trim(),
      receiver: {
        name: cell('receiverName').trim(),
        mobile: readPhone(cell('mobile')),
        phone: readPhone(cell('phone')),
        ...addr,
      },
      buyerMessage: readText(cell('buyerMessage')),
      sellerMemo: readText(cell('sellerMemo')),
      paidFen: money('paid'),
      postageFen: money('postage'),
      createdAt: time('createdAt'),
      paidAt: time('paidAt'),
      shipDeadline: null,
      carrierName: cell('carrierName').trim(),
      trackingNo: normaliseTrackingNo(readTrackingCell(cell('trackingNo'))),
      lines: [],
    };
    pending.set(id.id, { order, row, title: readText(cell('title')), qtyText: cell('qty'), refundFen: money('refundAmount') });
  });
  if (ix === null) throw new AppError('INVALID_INPUT', `${orderName} 是空文件`, { file: orderName });

  let dx: Partial<Record<OrderField, number>> | null = null;
  walkCsvFile(files.detailFile, (f, row, fraction) => {
    if (dx === null) {
      dx = headerIndex(files.detailFile, f, DETAIL_REQUIRED);
      width = f.length;
      return;
    }
    tick(orderShare + fraction * (1 - orderShare));
    if (isBlankRecord(f)) return;
    const cell = (field: OrderField): string => {
      const i = (dx as Partial<Record<OrderField, number>>)[field];
      return i === undefined ? '' : (f[i] ?? '');
    };
    const err = (field: OrderField | undefined, message: string): void =>
      errors.add(detailName, row, field === undefined ? undefined : fieldLabel(A, field), message);
    const widthProblem = checkWidth(f, width);
    if (widthProblem) return err(undefined, widthProblem);

    const id = readOrderId(cell('orderId'));
    if (!id.ok) return err('orderId', id.reason);
    const owner = pending.get(id.id);
    if (!owner) return err('orderId', `订单 ${id.id} 不在订单报表 ${orderName} 中，两个文件可能不是同一次导出`);
    const qty = readQty(cell('qty'));
    if (qty === null) err('qty', `购买数量格式错误: "${cell('qty')}"`);
    const price = readYuan(cell('price'));
    if (!price.ok) err('price', price.reason);
    const sku = cell('outerSku').trim() || cell('externalCode').trim();
    const props = readText(cell('skuProps'));
    const refund = cell('refundStatus').trim();
    owner.order.lines.push({
      lineNo: owner.order.lines.length + 1,
      subOrderId: null,
      skuCode: sku === '' ? null : sku,
      title: readText(cell('title')),
      props: props === '' ? null : props,
      qty: qty ?? 1,
      priceFen: price.ok ? price.fen : null,
      refundStatus: refund === '' ? null : refund,
    });
  });
  if (dx === null) throw new AppError('INVALID_INPUT', `${detailName} 是空文件`, { file: detailName });

  const orders: ImportedOrder[] = [];
  for (const p of pending.values()) {
    if (p.order.lines.length === 0) {
      const line = fallbackLine(p);
      if (line === null) {
        errors.add(orderName, p.row, fieldLabel(A, 'qty'), `宝贝报表中没有此订单的商品行，且宝贝总数量无效: "${p.qtyText}"`);
        continue;
      }
      p.order.lines.push(line);
    }
    markOrderLevelRefund(p);
    orders.push(p.order);
  }
  onProgress?.({ fraction: 1, rowsRead });
  return finish(orders, errors);
}

/** An order missing from the 宝贝报表 still ships: one line from 宝贝标题 / 宝贝总数量, no SKU. */
function fallbackLine(p: Pending): OrderLine | null {
  const qty = readQty(p.qtyText === '' ? '1' : p.qtyText);
  if (qty === null) return null;
  return { lineNo: 1, subOrderId: null, skuCode: null, title: p.title, props: null, qty, priceFen: null, refundStatus: null };
}

/**
 * The classic 宝贝报表 has no 退款状态; a non-zero 退款金额 on an order still waiting to ship means a
 * refund is in play, so every line is marked and the order is held for a human (shipBlockReason).
 */
function markOrderLevelRefund(p: Pending): void {
  if (p.refundFen === null || p.refundFen <= 0) return;
  if (p.order.lines.some((l) => l.refundStatus !== null)) return;
  const text = `退款金额 ${formatFen(p.refundFen)} 元（订单报表）`;
  for (const line of p.order.lines) line.refundStatus = text;
}
