import { AppError } from '#shared/contract/errors';
import { translatorFor } from '#shared/i18n/translator';
import type { ImportedOrder, OrderLine } from '#shared/contract/orders.contract';
import { splitTaobaoAddress } from '#shared/domain/address';
import { readBeijingDateTime } from '#shared/domain/datetime';
import { formatFen, readYuan } from '#shared/domain/money';
import { parsePlatformStatus } from '#shared/domain/order-status';
import { normaliseTrackingNo } from '#shared/domain/tracking-number';
import { isBlankRecord } from './csv-records';
import { fieldLabel, normaliseHeader, orderHeaderAliases as A, resolveHeaders, type OrderField } from './header-aliases';
import {
  at, columnPlan, finish, readOrderId, readPhone, readQty, readText, readTrackingCell, RowErrors, walkCsvFile,
  type NamedBytes, type ParsedOrders, type ProgressFn,
} from './import-common';

// TODO(issue 7, imports): the row error carries the Message once its report does; rendered in Chinese until then.
const zh = translatorFor('zh-CN').t;

/**
 * The classic 卖家中心 export pair (china-formats §1.2–1.3): 订单报表 (one row per order) and
 * 宝贝报表 (one row per item) joined on 订单编号. Every bad cell is reported with file, spreadsheet
 * row and column; any error empties the result so nothing is imported by halves.
 */

export type ClassicFiles = { orderFile: NamedBytes; detailFile: NamedBytes };

const ORDER_REQUIRED: OrderField[] = ['orderId', 'status', 'receiverName', 'receiverAddr', 'title'];
const ORDER_FIELDS: OrderField[] = [
  'orderId', 'buyerNick', 'status', 'receiverName', 'receiverAddr', 'receiverAddrModified', 'mobile', 'phone', 'createdAt',
  'paidAt', 'title', 'qty', 'paid', 'postage', 'trackingNo', 'carrierName', 'sellerMemo', 'buyerMessage', 'refundAmount',
];
const DETAIL_REQUIRED: OrderField[] = ['orderId', 'title', 'qty'];
const DETAIL_FIELDS: OrderField[] = ['orderId', 'title', 'qty', 'price', 'outerSku', 'externalCode', 'skuProps', 'refundStatus'];
const PROGRESS_EVERY = 2000;

type Pending = { order: ImportedOrder; row: number; title: string; qtyText: string; refundFen: number | null };
type Cols = Record<OrderField, number>;
type Plan = { cols: Cols; keep: boolean[]; names: Partial<Record<OrderField, string>> };

/**
 * Header row → column plan; a missing required column is a whole-file error naming it. `names`
 * holds each column's header as the file spells it, for error messages the user can find.
 */
function plan(file: NamedBytes, header: string[], required: OrderField[], fields: OrderField[]): Plan {
  const { index, missingLabels } = resolveHeaders(header, A, required);
  if (missingLabels.length > 0) {
    throw new AppError('INVALID_INPUT', `${file.name} 缺少列：${missingLabels.join('、')}`, { file: file.name, missing: missingLabels });
  }
  const names: Partial<Record<OrderField, string>> = {};
  for (const f of fields) {
    const i = index[f];
    if (i !== undefined) names[f] = normaliseHeader(header[i] ?? '');
  }
  return { ...(columnPlan(index, fields, header.length) as { cols: Cols; keep: boolean[] }), names };
}

/** Column-count check: fewer cells, or extra filled ones, mean a broken quote or an unquoted comma. */
function checkWidth(fields: string[], width: number): string | null {
  if (fields.length < width) return `列数不足（应为 ${width} 列，实为 ${fields.length} 列），该行可能被截断或含未加引号的换行`;
  for (let i = width; i < fields.length; i++) {
    if ((fields[i] ?? '').trim() !== '') return `列数过多（应为 ${width} 列，实为 ${fields.length} 列），可能含未加引号的逗号`;
  }
  return null;
}

/**
 * Reads a classic pair into orders (file order) or row errors (then `orders` is empty).
 * @throws AppError INVALID_INPUT for whole-file problems: a missing column, an empty file, an unterminated quote
 */
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

  let c = {} as Cols;
  let names: Partial<Record<OrderField, string>> = {};
  /** The column's header as written in the file, for messages. */
  const col = (f: OrderField): string => names[f] ?? fieldLabel(A, f);
  // Cell readers that record a failure against file, row and column and go on with null. They
  // call the non-throwing domain readers directly: no result wrapper per cell on a big file.
  const fenAt = (f: string[], field: OrderField, file: string, row: number): number | null => {
    const r = readYuan(at(f, c[field]));
    if (r.ok) return r.fen;
    errors.add(file, row, col(field), zh(r.reason));
    return null;
  };
  const timeAt = (f: string[], field: OrderField, row: number): string | null => {
    const r = readBeijingDateTime(at(f, c[field]));
    if (r.ok) return r.iso;
    errors.add(orderName, row, col(field), zh(r.reason));
    return null;
  };
  let width = 0;
  walkCsvFile(files.orderFile, {
    header: (h) => {
      const p = plan(files.orderFile, h, ORDER_REQUIRED, ORDER_FIELDS);
      c = p.cols;
      names = p.names;
      width = h.length;
      return p.keep;
    },
    row: (f, row, fraction) => {
      tick(fraction * orderShare);
      if (isBlankRecord(f)) return;
      const widthProblem = checkWidth(f, width);
      if (widthProblem) return errors.add(orderName, row, undefined, widthProblem);
      const id = readOrderId(at(f, c.orderId));
      if (!id.ok) return errors.add(orderName, row, col('orderId'), id.reason);
      const seen = pending.get(id.id);
      if (seen) return errors.add(orderName, row, col('orderId'), `订单编号 ${id.id} 重复（第 ${seen.row} 行已有）`);

      const statusText = at(f, c.status);
      const status = parsePlatformStatus(statusText);
      if (status === null) errors.add(orderName, row, col('status'), `未知订单状态: "${statusText.trim()}"`);
      const modified = at(f, c.receiverAddrModified).trim();
      const addr = splitTaobaoAddress(modified !== '' ? modified : at(f, c.receiverAddr));
      const order: ImportedOrder = {
        platform: 'taobao',
        externalId: id.id,
        platformStatus: status ?? 'WAIT_BUYER_PAY',
        buyerNick: at(f, c.buyerNick).trim(),
        // Fields spelled out (not spread): same key order, without a property copy per order.
        receiver: {
          name: at(f, c.receiverName).trim(),
          mobile: readPhone(at(f, c.mobile)),
          phone: readPhone(at(f, c.phone)),
          province: addr.province,
          city: addr.city,
          district: addr.district,
          detail: addr.detail,
          zip: addr.zip,
        },
        buyerMessage: readText(at(f, c.buyerMessage)),
        sellerMemo: readText(at(f, c.sellerMemo)),
        paidFen: fenAt(f, 'paid', orderName, row),
        postageFen: fenAt(f, 'postage', orderName, row),
        createdAt: timeAt(f, 'createdAt', row),
        paidAt: timeAt(f, 'paidAt', row),
        shipDeadline: null,
        carrierName: at(f, c.carrierName).trim(),
        trackingNo: normaliseTrackingNo(readTrackingCell(at(f, c.trackingNo))),
        lines: [],
      };
      const refundFen = fenAt(f, 'refundAmount', orderName, row);
      pending.set(id.id, { order, row, title: readText(at(f, c.title)), qtyText: at(f, c.qty), refundFen });
    },
  });

  walkCsvFile(files.detailFile, {
    header: (h) => {
      const p = plan(files.detailFile, h, DETAIL_REQUIRED, DETAIL_FIELDS);
      c = p.cols;
      names = p.names;
      width = h.length;
      return p.keep;
    },
    row: (f, row, fraction) => {
      tick(orderShare + fraction * (1 - orderShare));
      if (isBlankRecord(f)) return;
      const widthProblem = checkWidth(f, width);
      if (widthProblem) return errors.add(detailName, row, undefined, widthProblem);
      const id = readOrderId(at(f, c.orderId));
      if (!id.ok) return errors.add(detailName, row, col('orderId'), id.reason);
      const owner = pending.get(id.id);
      if (!owner) {
        return errors.add(detailName, row, col('orderId'), `订单 ${id.id} 不在订单报表 ${orderName} 中，两个文件可能不是同一次导出`);
      }
      const qty = readQty(at(f, c.qty));
      if (qty === null) errors.add(detailName, row, col('qty'), `购买数量格式错误: "${at(f, c.qty)}"`);
      const sku = at(f, c.outerSku).trim() || at(f, c.externalCode).trim();
      const props = readText(at(f, c.skuProps));
      const refund = at(f, c.refundStatus).trim();
      owner.order.lines.push({
        lineNo: owner.order.lines.length + 1,
        subOrderId: null,
        skuCode: sku === '' ? null : sku,
        title: readText(at(f, c.title)),
        props: props === '' ? null : props,
        qty: qty ?? 1,
        priceFen: fenAt(f, 'price', detailName, row),
        refundStatus: refund === '' ? null : refund,
      });
    },
  });

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
