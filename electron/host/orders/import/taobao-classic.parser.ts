import type { ImportedOrder, OrderLine } from '#shared/contract/orders.contract';
import { splitTaobaoAddress } from '#shared/domain/address';
import { readBeijingDateTime } from '#shared/domain/datetime';
import { formatFen, readYuan } from '#shared/domain/money';
import { parsePlatformStatus } from '#shared/domain/order-status';
import { normaliseTrackingNo } from '#shared/domain/tracking-number';
import { msg } from '#shared/i18n/message';
import { walkCsvFile, type CsvPlan } from './csv-file';
import { fieldLabel, orderHeaderAliases as A, resolveHeaders, type OrderField } from './header-aliases';
import {
  at, columnPlan, finish, readOrderId, readPhone, readQty, readText, readTrackingCell,
  type NamedBytes, type ParsedOrders, type ProgressFn,
} from './import-common';
import { RowErrors, StopFile, untilStopped } from './row-errors';
import { shown } from './text-guards';


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
type Plan = CsvPlan & { cols: Cols; names: Partial<Record<OrderField, string>> };

/**
 * Header row → column plan; each missing required column is a problem at row 1 that ends the
 * reading. `names` holds each field's column as the file spells it, for messages.
 */
function plan(file: NamedBytes, header: string[], names: readonly string[], required: OrderField[], fields: OrderField[], errors: RowErrors): Plan {
  const { index, missingLabels } = resolveHeaders(header, A, required);
  if (missingLabels.length > 0) {
    for (const label of missingLabels) errors.add(file.name, 1, label, msg('import.file.columnMissing'));
    throw new StopFile();
  }
  const fieldNames: Partial<Record<OrderField, string>> = {};
  for (const f of fields) {
    const i = index[f];
    if (i !== undefined) fieldNames[f] = names[i];
  }
  return { ...(columnPlan(index, fields, header.length) as Plan), names: fieldNames };
}

/** Problems that leave an order-file row unread (walkCsvFile skips it). */
const UNREAD_ROW: ReadonlySet<string> = new Set(['import.row.tooManyColumns', 'import.row.tooFewColumns']);

/**
 * Reads a classic pair into orders (file order) or row errors (then `orders` is empty). A missing
 * column, an unterminated quote or bytes that do not decode end the reading with that problem.
 * @throws AppError INVALID_INPUT for a file with no header row
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
    errors.add(file, row, col(field), msg('import.cell.amount', { value: shown(at(f, c[field])) }));
    return null;
  };
  const timeAt = (f: string[], field: OrderField, row: number): string | null => {
    const r = readBeijingDateTime(at(f, c[field]));
    if (r.ok) return r.iso;
    errors.add(orderName, row, col(field), msg('import.cell.date', { value: shown(at(f, c[field])) }));
    return null;
  };
  const orderFileRead = untilStopped(() => walkCsvFile(files.orderFile, errors, {
    header: (h, headerNames) => {
      const p = plan(files.orderFile, h, headerNames, ORDER_REQUIRED, ORDER_FIELDS, errors);
      c = p.cols;
      names = p.names;
      return p;
    },
    row: (f, row, fraction) => {
      tick(fraction * orderShare);
      // A row with a bad or repeated id is still read (and dropped), so its other problems are listed too.
      const id = readOrderId(at(f, c.orderId));
      const seen = id.ok ? pending.get(id.id) : undefined;
      if (!id.ok) errors.add(orderName, row, col('orderId'), id.reason);
      else if (seen) errors.add(orderName, row, col('orderId'), msg('import.order.idDuplicate', { id: id.id, row: seen.row }));

      const statusText = at(f, c.status);
      const status = parsePlatformStatus(statusText);
      if (status === null) errors.add(orderName, row, col('status'), msg('import.order.unknownStatus', { value: shown(statusText) }));
      const modified = at(f, c.receiverAddrModified).trim();
      const addr = splitTaobaoAddress(modified !== '' ? modified : at(f, c.receiverAddr));
      const order: ImportedOrder = {
        platform: 'taobao',
        externalId: id.ok ? id.id : '',
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
      if (id.ok && !seen) pending.set(id.id, { order, row, title: readText(at(f, c.title)), qtyText: at(f, c.qty), refundFen });
    },
  }, { width: 'exact' }));
  // Read against an order file cut short, every detail row would be an order "not in the order file".
  if (!orderFileRead) return finish([], errors);
  // An order row of the wrong width is not read, so its order is not in `pending`: its detail rows
  // are not "missing from the order file", and saying so blamed the wrong file. The row's own
  // problem is listed; a real mismatch of the two files shows once the order file reads cleanly.
  const orderRowsUnread = errors.count > 0 && errors.result().some((e) => e.file === orderName && UNREAD_ROW.has(e.msg.key));

  untilStopped(() => walkCsvFile(files.detailFile, errors, {
    header: (h, headerNames) => {
      const p = plan(files.detailFile, h, headerNames, DETAIL_REQUIRED, DETAIL_FIELDS, errors);
      c = p.cols;
      names = p.names;
      return p;
    },
    row: (f, row, fraction) => {
      tick(orderShare + fraction * (1 - orderShare));
      const id = readOrderId(at(f, c.orderId));
      if (!id.ok) errors.add(detailName, row, col('orderId'), id.reason);
      const owner = id.ok ? pending.get(id.id) : undefined;
      if (id.ok && !owner && !orderRowsUnread) errors.add(detailName, row, col('orderId'), msg('import.order.notInOrderFile', { id: id.id, file: orderName }));
      // The row's own cells are checked even without its order, so fixing the join does not
      // reveal a second problem on the next import: every problem is listed at once.
      const qty = readQty(at(f, c.qty));
      if (qty === null) errors.add(detailName, row, col('qty'), msg('import.cell.qty', { value: shown(at(f, c.qty)) }));
      const priceFen = fenAt(f, 'price', detailName, row);
      if (!owner) return;
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
        priceFen,
        refundStatus: refund === '' ? null : refund,
      });
    },
  }, { width: 'exact' }));

  const orders: ImportedOrder[] = [];
  for (const p of pending.values()) {
    if (p.order.lines.length === 0) {
      const line = fallbackLine(p);
      if (line === null) {
        errors.add(orderName, p.row, fieldLabel(A, 'qty'), msg('import.order.noLines', { value: shown(p.qtyText) }));
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
  // eslint-disable-next-line no-restricted-syntax -- data: refundStatus holds the platform's own refund text (synced with the order); the classic pair has none, so it is written in the platform's words.
  const text = `退款金额 ${formatFen(p.refundFen)} 元（订单报表）`;
  for (const line of p.order.lines) line.refundStatus = text;
}
