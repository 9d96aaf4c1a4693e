import { AppError } from '#shared/contract/errors';
import { translatorFor } from '#shared/i18n/translator';
import type { ColumnMapping, ImportedOrder, PlatformStatus } from '#shared/contract/orders.contract';
import { normaliseProvince, splitChineseAddress, type AddressParts } from '#shared/domain/address';
import { readBeijingDateTime } from '#shared/domain/datetime';
import { readYuan } from '#shared/domain/money';
import { parsePlatformStatus } from '#shared/domain/order-status';
import { normaliseTrackingNo } from '#shared/domain/tracking-number';
import { isBlankRecord } from './csv-records';
import { fieldLabel, findHeader, orderHeaderAliases as A, type OrderField } from './header-aliases';
import {
  at, finish, readOrderId, readPhone, readQty, readText, readTrackingCell, RowErrors, walkCsvFile,
  type NamedBytes, type ParsedOrders, type ProgressFn,
} from './import-common';

// TODO(issue 7, imports): the row error carries the Message once its report does; rendered in Chinese until then.
const zh = translatorFor('zh-CN').t;

/**
 * "Any CSV" with a saved column mapping (canonical field → header text), for ERPs and other
 * shops. One row per item; rows sharing an orderId form one order, in first-seen order. Order
 * fields take the first non-empty value, because many tools fill them only on an order's first row;
 * two different receivers under one orderId are an error (that is a grouping mistake, not a split).
 */

const KNOWN_FIELDS: ReadonlySet<string> = new Set(Object.keys(A));
const RECEIVER_FIELDS: readonly OrderField[] = ['receiverName', 'mobile', 'phone', 'receiverAddr', 'receiverAddrModified', 'province', 'city', 'district', 'detail'];

type Cols = Partial<Record<OrderField, number>>;
type Group = { order: ImportedOrder; row: number; receiver: Partial<Record<OrderField, string>>; statuses: PlatformStatus[] };

/** Validates the mapping against the header row; problems here are whole-file errors. */
function mapColumns(file: NamedBytes, header: string[], mapping: ColumnMapping): Cols {
  const cols: Cols = {};
  const missing: string[] = [];
  for (const [field, headerText] of Object.entries(mapping.columns)) {
    if (headerText.trim() === '') continue;
    if (!KNOWN_FIELDS.has(field)) {
      throw new AppError('INVALID_INPUT', `列映射“${mapping.name}”含未知字段 "${field}"`, { mapping: mapping.name, field });
    }
    const i = findHeader(header, headerText);
    if (i < 0) missing.push(`${headerText}（${fieldLabel(A, field as OrderField)}）`);
    else cols[field as OrderField] = i;
  }
  if (missing.length > 0) {
    throw new AppError('INVALID_INPUT', `${file.name} 中找不到列映射“${mapping.name}”需要的列：${missing.join('、')}`, {
      file: file.name,
      missing,
    });
  }
  if (cols.orderId === undefined) {
    throw new AppError('INVALID_INPUT', `列映射“${mapping.name}”没有指定订单编号列`, { mapping: mapping.name });
  }
  if (cols.title === undefined && cols.outerSku === undefined) {
    throw new AppError('INVALID_INPUT', `列映射“${mapping.name}”至少需要商品标题或商家编码列`, { mapping: mapping.name });
  }
  return cols;
}

function combine(statuses: PlatformStatus[]): PlatformStatus {
  const waiting = statuses.includes('WAIT_SELLER_SEND_GOODS');
  const sent = statuses.some((s) => s === 'WAIT_BUYER_CONFIRM_GOODS' || s === 'SELLER_CONSIGNED_PART');
  if (waiting && sent) return 'SELLER_CONSIGNED_PART';
  if (waiting) return 'WAIT_SELLER_SEND_GOODS';
  return statuses[0] ?? 'WAIT_SELLER_SEND_GOODS';
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
  const errors = new RowErrors();
  const groups = new Map<string, Group>();
  let c: Cols = {};
  let rowsRead = 0;
  const err = (row: number, field: OrderField | undefined, message: string): void =>
    errors.add(file.name, row, field === undefined ? undefined : (mapping.columns[field] ?? fieldLabel(A, field)), message);

  walkCsvFile(
    file,
    {
      header: (h) => {
        c = mapColumns(file, h, mapping);
      },
      row: (f, row, fraction) => {
        if (onProgress && ++rowsRead % 2000 === 0) onProgress({ fraction, rowsRead });
        if (isBlankRecord(f)) return;
        const cell = (field: OrderField): string => at(f, c[field] ?? -1);
        const id = readOrderId(cell('orderId'));
        if (!id.ok) return err(row, 'orderId', id.reason);
        let g = groups.get(id.id);
        if (!g) {
          g = { order: emptyOrder(platform, id.id), row, receiver: {}, statuses: [] };
          groups.set(id.id, g);
        }
        const o = g.order;
        for (const field of [...RECEIVER_FIELDS, 'zip'] as const) {
          const v = field === 'mobile' || field === 'phone' ? readPhone(cell(field)) : cell(field).trim();
          if (v === '') continue;
          const had = g.receiver[field];
          if (had === undefined) g.receiver[field] = v;
          else if (had !== v) err(row, field, `同一订单 ${id.id} 的${fieldLabel(A, field)}与第 ${g.row} 行不一致，请检查订单编号列`);
        }
        if (c.status !== undefined) {
          const text = cell('status').trim();
          const s = parsePlatformStatus(text);
          if (s) g.statuses.push(s);
          else if (text !== '') err(row, 'status', `未知订单状态: "${text}"`);
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
          if (!r.ok) err(row, field, zh(r.reason));
          else if (r.fen !== null && o[field === 'paid' ? 'paidFen' : 'postageFen'] === null) o[field === 'paid' ? 'paidFen' : 'postageFen'] = r.fen;
        }
        for (const [field, key] of [['createdAt', 'createdAt'], ['paidAt', 'paidAt'], ['shipDeadline', 'shipDeadline']] as const) {
          const r = readBeijingDateTime(cell(field));
          if (!r.ok) err(row, field, zh(r.reason));
          // The earliest deadline of an order's rows is the one that bites.
          else if (r.iso !== null && (o[key] === null || (key === 'shipDeadline' && r.iso < (o[key] ?? '')))) o[key] = r.iso;
        }
        addLine(o, cell, row, err);
      },
    },
    { encoding: mapping.encoding ?? 'auto', delimiter: 'auto' },
  );

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

function addLine(
  o: ImportedOrder,
  cell: (f: OrderField) => string,
  row: number,
  err: (row: number, field: OrderField | undefined, message: string) => void,
): void {
  const qtyText = cell('qty').trim();
  const qty = qtyText === '' ? 1 : readQty(qtyText);
  if (qty === null) err(row, 'qty', `数量格式错误: "${qtyText}"`);
  const price = readYuan(cell('price'));
  if (!price.ok) err(row, 'price', zh(price.reason));
  const title = readText(cell('title'));
  const sku = cell('outerSku').trim() || cell('externalCode').trim();
  if (title === '' && sku === '') return err(row, 'title', '商品标题和商家编码都为空');
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
    refundStatus: refund === '' || refund === '没有申请退款' ? null : refund,
  });
}

function emptyOrder(platform: string, externalId: string): ImportedOrder {
  return {
    platform,
    externalId,
    platformStatus: 'WAIT_SELLER_SEND_GOODS',
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
