import { AppError } from '#shared/contract/errors';
import type { ColumnMapping, ImportedOrder, PlatformStatus } from '#shared/contract/orders.contract';
import { normaliseProvince, splitChineseAddress, type AddressParts } from '#shared/domain/address';
import { readBeijingDateTime } from '#shared/domain/datetime';
import { readYuan } from '#shared/domain/money';
import { parsePlatformStatus } from '#shared/domain/order-status';
import { normaliseTrackingNo } from '#shared/domain/tracking-number';
import { msg, type Message } from '#shared/i18n/message';
import { walkCsvFile } from './csv-file';
import { findHeader, noRefundTexts, orderHeaderAliases as A, type OrderField } from './header-aliases';
import {
  at, columnPlan, fieldMessage, finish, readMappedOrderId, readOrderId, readPhone, readQty, readText, readTrackingCell,
  type NamedBytes, type ParsedOrders, type ProgressFn,
} from './import-common';
import { columnLetter, RowErrors, StopFile, untilStopped } from './row-errors';
import { shown } from './text-guards';


/**
 * "Any CSV" with a saved column mapping (canonical field → header text), for ERPs and other
 * shops. One row per item; rows sharing an orderId form one order, in first-seen order. Order
 * fields take the first non-empty value, because many tools fill them only on an order's first row;
 * two different receivers under one orderId are an error (that is a grouping mistake, not a split).
 */

const KNOWN_FIELDS: ReadonlySet<string> = new Set(Object.keys(A));
const RECEIVER_FIELDS: readonly OrderField[] = ['receiverName', 'mobile', 'phone', 'receiverAddr', 'receiverAddrModified', 'province', 'city', 'district', 'detail'];

type Cols = Partial<Record<OrderField, number>>;
type Err = (row: number, field: OrderField | undefined, message: Message) => void;
type Group = { order: ImportedOrder; row: number; receiver: Partial<Record<OrderField, string>>; statuses: PlatformStatus[] };

/** A mapping that cannot read any file is refused before the file is opened. */
function checkMapping(mapping: ColumnMapping): void {
  for (const [field, headerText] of Object.entries(mapping.columns)) {
    if (headerText.trim() !== '' && !KNOWN_FIELDS.has(field)) {
      throw new AppError('INVALID_INPUT', msg('import.mapping.unknownField', { mapping: mapping.name, field: shown(field) }));
    }
  }
  const mapped = (f: OrderField): boolean => (mapping.columns[f] ?? '').trim() !== '';
  if (!mapped('orderId')) throw new AppError('INVALID_INPUT', msg('import.mapping.noOrderId', { mapping: mapping.name }));
  if (!mapped('title') && !mapped('outerSku')) throw new AppError('INVALID_INPUT', msg('import.mapping.noTitleOrSku', { mapping: mapping.name }));
}

/** Finds the mapped columns in the header row; each one missing is a problem at row 1 that ends the reading. */
function mapColumns(file: NamedBytes, header: string[], mapping: ColumnMapping, errors: RowErrors): Cols {
  const cols: Cols = {};
  for (const [field, headerText] of Object.entries(mapping.columns)) {
    if (headerText.trim() === '') continue;
    const i = findHeader(header, headerText);
    if (i >= 0) cols[field as OrderField] = i;
    else errors.add(file.name, 1, shown(headerText), msg('import.mapping.columnMissing', { mapping: mapping.name, field: fieldMessage(field as OrderField) }));
  }
  if (errors.count > 0) throw new StopFile();
  return cols;
}

/** The order's status from its rows' statuses; null when none of its rows said one (no column, or blank cells). */
function combine(statuses: PlatformStatus[]): PlatformStatus | null {
  const waiting = statuses.includes('WAIT_SELLER_SEND_GOODS');
  const sent = statuses.some((s) => s === 'WAIT_BUYER_CONFIRM_GOODS' || s === 'SELLER_CONSIGNED_PART');
  if (waiting && sent) return 'SELLER_CONSIGNED_PART';
  if (waiting) return 'WAIT_SELLER_SEND_GOODS';
  return statuses[0] ?? null;
}

function address(r: Partial<Record<OrderField, string>>, split: boolean): AddressParts {
  if (split) {
    return {
      province: normaliseProvince(r.province ?? ''),
      city: r.city ?? '',
      district: r.district ?? '',
      detail: (r.detail ?? '').replace(/\s+/g, ' ').trim(),
      zip: r.zip === '000000' ? '' : (r.zip ?? ''),
    };
  }
  const parts = splitChineseAddress(r.receiverAddrModified || r.receiverAddr || '');
  return r.zip ? { ...parts, zip: r.zip === '000000' ? '' : r.zip } : parts;
}

/**
 * `platform` labels the orders for de-duplication with other imports; the default is 'taobao'
 * because the usual source is an ERP or helper tool re-exporting Taobao orders.
 */
export function parseMappedCsv(file: NamedBytes, mapping: ColumnMapping, onProgress?: ProgressFn, platform = 'taobao'): ParsedOrders {
  checkMapping(mapping);
  const errors = new RowErrors();
  const groups = new Map<string, Group>();
  let c: Cols = {};
  let names: readonly string[] = [];
  let rowsRead = 0;
  const columnOf = (field: OrderField): string => {
    const i = c[field];
    return i === undefined ? (mapping.columns[field] ?? field) : (names[i] ?? columnLetter(i));
  };
  const err: Err = (row, field, message) => errors.add(file.name, row, field === undefined ? undefined : columnOf(field), message);

  untilStopped(() => walkCsvFile(
    file,
    errors,
    {
      header: (h, headerNames) => {
        c = mapColumns(file, h, mapping, errors);
        names = headerNames;
        return columnPlan(c, Object.keys(c) as OrderField[], h.length);
      },
      row: (f, row, fraction) => {
        if (onProgress && ++rowsRead % 2000 === 0) onProgress({ fraction, rowsRead });
        const cell = (field: OrderField): string => at(f, c[field] ?? -1);
        const id = readMappedOrderId(cell('orderId'));
        // A row with a bad id is still read, into a group that is dropped, so its other problems are listed too.
        let g: Group | undefined;
        if (!id.ok) {
          err(row, 'orderId', id.reason);
          g = { order: emptyOrder(platform, ''), row, receiver: {}, statuses: [] };
        } else {
          g = groups.get(id.id);
          if (!g) {
            g = { order: emptyOrder(platform, id.id), row, receiver: {}, statuses: [] };
            groups.set(id.id, g);
          }
        }
        const o = g.order;
        for (const field of [...RECEIVER_FIELDS, 'zip'] as const) {
          const v = field === 'mobile' || field === 'phone' ? readPhone(cell(field)) : cell(field).trim();
          if (v === '') continue;
          const had = g.receiver[field];
          if (had === undefined) g.receiver[field] = v;
          else if (had !== v) err(row, field, msg('import.order.receiverConflict', { id: o.externalId, row: g.row }));
        }
        if (c.status !== undefined) {
          const text = cell('status').trim();
          const s = parsePlatformStatus(text);
          if (s) g.statuses.push(s);
          else if (text !== '') err(row, 'status', msg('import.order.unknownStatus', { value: shown(text) }));
        }
        const first = (field: 'buyerNick' | 'buyerMessage' | 'sellerMemo' | 'carrierName'): void => {
          if (o[field] === '') o[field] = readText(cell(field));
        };
        first('buyerNick');
        first('buyerMessage');
        first('sellerMemo');
        first('carrierName');
        if (o.trackingNo === '') o.trackingNo = normaliseTrackingNo(readTrackingCell(cell('trackingNo')));
        for (const field of ['paid', 'postage'] as const) {
          const r = readYuan(cell(field));
          if (!r.ok) err(row, field, msg('import.cell.amount', { value: shown(cell(field)) }));
          else if (r.fen !== null && o[field === 'paid' ? 'paidFen' : 'postageFen'] === null) o[field === 'paid' ? 'paidFen' : 'postageFen'] = r.fen;
        }
        for (const [field, key] of [['createdAt', 'createdAt'], ['paidAt', 'paidAt'], ['shipDeadline', 'shipDeadline']] as const) {
          const r = readBeijingDateTime(cell(field));
          if (!r.ok) err(row, field, msg('import.cell.date', { value: shown(cell(field)) }));
          // The earliest deadline of an order's rows is the one that bites.
          else if (r.iso !== null && (o[key] === null || (key === 'shipDeadline' && r.iso < (o[key] ?? '')))) o[key] = r.iso;
        }
        addLine(o, cell, row, err, c.title !== undefined ? 'title' : 'outerSku');
      },
    },
    { encoding: mapping.encoding ?? 'auto', delimiter: 'auto', width: 'no-extra' },
  ));

  const split = c.province !== undefined || c.city !== undefined || c.district !== undefined || c.detail !== undefined;
  const orders: ImportedOrder[] = [];
  for (const g of groups.values()) {
    const r = g.receiver;
    g.order.receiver = { name: r.receiverName ?? '', mobile: r.mobile ?? '', phone: r.phone ?? '', ...address(r, split) };
    g.order.platformStatus = combine(g.statuses);
    orders.push(g.order);
  }
  onProgress?.({ fraction: 1, rowsRead });
  return finish(orders, errors);
}

/** `itemField`: where a line with neither title nor SKU is reported (the title column when mapped). */
function addLine(o: ImportedOrder, cell: (f: OrderField) => string, row: number, err: Err, itemField: OrderField): void {
  const qtyText = cell('qty').trim();
  const qty = qtyText === '' ? 1 : readQty(qtyText);
  if (qty === null) err(row, 'qty', msg('import.cell.qty', { value: shown(qtyText) }));
  const price = readYuan(cell('price'));
  if (!price.ok) err(row, 'price', msg('import.cell.amount', { value: shown(cell('price')) }));
  const title = readText(cell('title'));
  const sku = cell('outerSku').trim() || cell('externalCode').trim();
  if (title === '' && sku === '') return err(row, itemField, msg('import.order.noTitleOrSku'));
  const sub = cell('subOrderId').trim();
  const subId = readOrderId(sub);
  const props = readText(cell('skuProps'));
  const refund = cell('refundStatus').trim();
  o.lines.push({
    lineNo: o.lines.length + 1,
    subOrderId: sub === '' ? null : subId.ok ? subId.id : sub,
    skuCode: sku === '' ? null : sku,
    title: title === '' ? sku : title,
    props: props === '' ? null : props,
    qty: qty ?? 1,
    priceFen: price.ok ? price.fen : null,
    refundStatus: noRefundTexts.has(refund) ? null : refund,
  });
}

function emptyOrder(platform: string, externalId: string): ImportedOrder {
  return {
    platform,
    externalId,
    platformStatus: null,
    buyerNick: '',
    receiver: { name: '', mobile: '', phone: '', province: '', city: '', district: '', detail: '', zip: '' },
    buyerMessage: '',
    sellerMemo: '',
    paidFen: null,
    postageFen: null,
    createdAt: null,
    paidAt: null,
    shipDeadline: null,
    carrierName: '',
    trackingNo: '',
    lines: [],
  };
}
