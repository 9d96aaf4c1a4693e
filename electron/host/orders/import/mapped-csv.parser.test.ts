import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importedOrderSchema, type ColumnMapping } from '#shared/contract/orders.contract';
import { parseMappedCsv } from './mapped-csv.parser';
import { thrownAppError as thrown } from '../../../../test/helpers/app-error';

const mapping = (columns: Record<string, string>, encoding: ColumnMapping['encoding'] = 'auto'): ColumnMapping => ({ name: 'ERP导出', columns, encoding });
const file = (text: string, name = 'erp.csv') => ({ name, bytes: iconv.encode(text, 'gbk') });

const ERP = mapping({
  orderId: '平台单号', status: '状态', receiverName: '收件人', mobile: '手机', receiverAddr: '地址',
  title: '品名', qty: '数量', outerSku: 'SKU', price: '单价', buyerMessage: '备注', paidAt: '付款时间',
});
const HEAD = '平台单号,状态,收件人,手机,地址,品名,数量,SKU,单价,备注,付款时间';

describe('parseMappedCsv', () => {
  it('groups item rows into orders, keeping first-seen order and exact ids', () => {
    const text = [
      HEAD,
      '4012345678901234567,等待卖家发货,王小明,13812345678,浙江省杭州市余杭区文一西路969号,T恤,2,TS-1,59.80,"尽快,谢谢",2025-03-01 10:00:00',
      '3012345678901234567,等待卖家发货,李四,13900000000,上海 上海市 浦东新区 张江镇(200120),杯子,1,CUP-1,19,,2025-03-01 11:00:00',
      '4012345678901234567,,,,,袜子,,SOCK-1,9.9,,',
    ].join('\r\n');
    const r = parseMappedCsv(file(text), ERP);
    expect(r.errors).toEqual([]);
    expect(r.orders.map((o) => o.externalId)).toEqual(['4012345678901234567', '3012345678901234567']);
    const first = r.orders[0];
    expect(first).toMatchObject({
      platform: 'taobao',
      platformStatus: 'WAIT_SELLER_SEND_GOODS',
      buyerMessage: '尽快,谢谢',
      paidAt: '2025-03-01T02:00:00.000Z',
      receiver: { name: '王小明', mobile: '13812345678', province: '浙江省', city: '杭州市', district: '余杭区', detail: '文一西路969号' },
    });
    expect(first?.lines.map((l) => [l.lineNo, l.skuCode, l.qty, l.priceFen])).toEqual([[1, 'TS-1', 2, 5980], [2, 'SOCK-1', 1, 990]]);
    expect(r.orders[1]?.receiver).toMatchObject({ province: '上海市', district: '浦东新区', zip: '200120' });
    for (const o of r.orders) importedOrderSchema.parse(o);
  });

  it('lists every problem of a row whose order id is empty, not only the id', () => {
    const text = [HEAD, ',等待卖家发货,王小明,13812345678,浙江省杭州市余杭区文一西路969号,T恤,两,TS-1,59.80,,昨天'].join('\r\n');
    const r = parseMappedCsv(file(text), ERP);
    expect(r.orders).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.column, e.msg.key])).toEqual([
      [2, '平台单号', 'import.order.idEmpty'],
      [2, '付款时间', 'import.cell.date'],
      [2, '数量', 'import.cell.qty'],
    ]);
  });

  it('claims no status when no status column is mapped', () => {
    const r = parseMappedCsv(file('单号,商品\r\n123456789,书\r\n'), mapping({ orderId: '单号', title: '商品' }));
    expect(r.orders[0]?.platformStatus).toBeNull();
    expect(r.orders[0]?.lines[0]).toMatchObject({ title: '书', qty: 1, skuCode: null });
  });

  it('claims no status for an order whose status cells are all blank, and takes the one a later row of the order gives', () => {
    const text = '单号,状态,商品\r\n123456789,,A\r\n223456789,,B\r\n223456789,交易关闭,C\r\n';
    const r = parseMappedCsv(file(text), mapping({ orderId: '单号', status: '状态', title: '商品' }));
    expect(r.errors).toEqual([]);
    expect(r.orders.map((o) => o.platformStatus)).toEqual([null, 'TRADE_CLOSED']);
    for (const o of r.orders) importedOrderSchema.parse(o);
  });

  it('reads split address columns and tab-separated UTF-8 files', () => {
    const text = '\uFEFF单号\t省\t市\t区\t详细地址\t商品\r\n123456789\t上海\t上海市\t黄浦区\t人民大道  200号\t书\r\n';
    const r = parseMappedCsv(
      { name: 'a.tsv', bytes: Buffer.from(text, 'utf8') },
      mapping({ orderId: '单号', province: '省', city: '市', district: '区', detail: '详细地址', title: '商品' }),
    );
    expect(r.errors).toEqual([]);
    expect(r.orders[0]?.receiver).toMatchObject({ province: '上海市', city: '上海市', district: '黄浦区', detail: '人民大道 200号' });
  });

  it('prefers a mapped modified address when it is filled', () => {
    const text = '单号,地址,新地址,商品\r\n123456789,北京 北京市 朝阳区 旧路1号,,书\r\n223456789,北京 北京市 朝阳区 旧路1号,浙江省 杭州市 西湖区 新路2号,书\r\n';
    const r = parseMappedCsv(file(text), mapping({ orderId: '单号', receiverAddr: '地址', receiverAddrModified: '新地址', title: '商品' }));
    expect(r.orders.map((o) => o.receiver.detail)).toEqual(['旧路1号', '新路2号']);
  });

  it('uses the API status names and combines item statuses into a split shipment', () => {
    const text = '单号,状态,商品\r\n123456789,WAIT_SELLER_SEND_GOODS,A\r\n123456789,卖家已发货，等待买家确认,B\r\n';
    const r = parseMappedCsv(file(text), mapping({ orderId: '单号', status: '状态', title: '商品' }));
    expect(r.orders[0]?.platformStatus).toBe('SELLER_CONSIGNED_PART');
  });

  it('refuses a mapping whose header is not in the file, naming the header and the field it feeds', () => {
    const r = parseMappedCsv(file('单号,商品\r\n1,书\r\n'), mapping({ orderId: '单号', title: '商品', mobile: '手机号码' }));
    expect(r).toEqual({
      orders: [],
      errors: [{ file: 'erp.csv', row: 1, column: '手机号码', msg: { key: 'import.mapping.columnMissing', params: { mapping: 'ERP导出', field: { key: 'mapping.fields.mobile' } } } }],
    });
  });

  it('refuses unknown field names and a mapping without orderId or item columns', () => {
    expect(thrown(() => parseMappedCsv(file('a,b\r\n'), mapping({ orderId: 'a', titel: 'b' }))).msg).toEqual({ key: 'import.mapping.unknownField', params: { mapping: 'ERP导出', field: 'titel' } });
    expect(thrown(() => parseMappedCsv(file('a,b\r\n'), mapping({ title: 'b' }))).msg).toEqual({ key: 'import.mapping.noOrderId', params: { mapping: 'ERP导出' } });
    expect(thrown(() => parseMappedCsv(file('a,b\r\n'), mapping({ orderId: 'a' }))).msg).toEqual({ key: 'import.mapping.noTitleOrSku', params: { mapping: 'ERP导出' } });
  });

  it('reports row errors with the file\'s own header names and returns no orders', () => {
    const text = [
      HEAD,
      'M 1001,等待卖家发货,王,1,地址,T恤,1,TS,1,,',
      '123456789,等待卖家发货,王,1,地址,T恤,-1,TS,1,,',
      '123456789,等待卖家发货,李,1,地址,T恤,1,TS,1,,',
      '223456789,火星状态,王,1,地址,,,,x,,昨天',
    ].join('\r\n');
    const r = parseMappedCsv(file(text), ERP);
    expect(r.orders).toEqual([]);
    expect(r.errors).toEqual([
      { file: 'erp.csv', row: 2, column: '平台单号', msg: { key: 'import.order.idFormatMapped', params: { value: 'M 1001' } } },
      { file: 'erp.csv', row: 3, column: '数量', msg: { key: 'import.cell.qty', params: { value: '-1' } } },
      { file: 'erp.csv', row: 4, column: '收件人', msg: { key: 'import.order.receiverConflict', params: { id: '123456789', row: 3 } } },
      { file: 'erp.csv', row: 5, column: '状态', msg: { key: 'import.order.unknownStatus', params: { value: '火星状态' } } },
      { file: 'erp.csv', row: 5, column: '付款时间', msg: { key: 'import.cell.date', params: { value: '昨天' } } },
      { file: 'erp.csv', row: 5, column: '单价', msg: { key: 'import.cell.amount', params: { value: 'x' } } },
      { file: 'erp.csv', row: 5, column: '品名', msg: { key: 'import.order.noTitleOrSku' } },
    ]);
  });
});
