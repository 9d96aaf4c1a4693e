import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importedOrderSchema } from '#shared/contract/orders.contract';
import { shipBlockReason } from '#shared/domain/order-status';
import { brokenVariants, generateTaobaoClassic } from '../../../../test/fixtures/taobao-export.generator';
import { parseTaobaoClassic } from './taobao-classic.parser';
import { thrownAppError as thrown } from '../../../../test/helpers/app-error';
import { baseLine, baseOrder, classicFiles, csv, DETAIL_FILE, DETAIL_HEADER, ID, ORDER_FILE, ORDER_HEADER } from '../../../../test/fixtures/classic-rows';

function parsePair(orders: Record<string, string>[], lines: Record<string, string>[], header = ORDER_HEADER) {
  return parseTaobaoClassic(classicFiles(orders, lines, header));
}

describe('parseTaobaoClassic on generated exports', () => {
  it('returns exactly the generated truths for a quirky 3000-order pair', () => {
    const g = generateTaobaoClassic({ orders: 3000, seed: 1, quirks: true });
    const r = parseTaobaoClassic({ orderFile: { name: g.orderFileName, bytes: g.orderCsv }, detailFile: { name: g.detailFileName, bytes: g.detailCsv } });
    expect(r.errors).toEqual([]);
    expect(r.orders).toEqual(g.orders);
    for (const o of r.orders) importedOrderSchema.parse(o);
    // The fixture really contains the quirks this test claims to cover.
    const text = iconv.decode(g.orderCsv, 'gbk');
    expect(text).toContain('收货地址 ,');
    expect(text).toMatch(/="\d{19}"/);
    expect(text).toContain("'1");
    expect(text).toContain('买家已付款,等待卖家发货');
    expect(text).toMatch(/\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2},/);
    expect(r.orders.some((o) => o.buyerMessage.includes('\n') && o.buyerMessage.includes('"'))).toBe(true);
    expect(r.orders.some((o) => o.lines.length > 1)).toBe(true);
    expect(r.orders.some((o) => o.platformStatus === 'TRADE_CLOSED')).toBe(true);
    expect(r.orders.some((o) => shipBlockReason(o.platformStatus, o.lines)?.code === 'refund_pending')).toBe(true);
    expect(r.orders.some((o) => o.lines[0]?.skuCode === null)).toBe(true);
  });

  it('keeps 19-digit ids exact (they are past 2^53)', () => {
    const g = generateTaobaoClassic({ orders: 200, seed: 9 });
    const r = parseTaobaoClassic({ orderFile: { name: g.orderFileName, bytes: g.orderCsv }, detailFile: { name: g.detailFileName, bytes: g.detailCsv } });
    const long = r.orders.map((o) => o.externalId).filter((id) => id.length === 19);
    expect(long.length).toBeGreaterThan(0);
    for (const id of long) expect(String(Number(id))).not.toBe(id);
    expect(r.orders.map((o) => o.externalId)).toEqual(g.orders.map((o) => o.externalId));
  });

  it('reads a clean export without quirks too', () => {
    const g = generateTaobaoClassic({ orders: 500, seed: 2, quirks: false });
    const r = parseTaobaoClassic({ orderFile: { name: g.orderFileName, bytes: g.orderCsv }, detailFile: { name: g.detailFileName, bytes: g.detailCsv } });
    expect(r).toEqual({ orders: g.orders, errors: [] });
  });

  it('is deterministic per seed', () => {
    const a = generateTaobaoClassic({ orders: 50, seed: 4 });
    const b = generateTaobaoClassic({ orders: 50, seed: 4 });
    const c = generateTaobaoClassic({ orders: 50, seed: 5 });
    expect(a.orderCsv.equals(b.orderCsv)).toBe(true);
    expect(a.orderCsv.equals(c.orderCsv)).toBe(false);
  });

  it('reports progress up to 1', () => {
    const g = generateTaobaoClassic({ orders: 3000, seed: 3 });
    const seen: number[] = [];
    parseTaobaoClassic({ orderFile: { name: 'o.csv', bytes: g.orderCsv }, detailFile: { name: 'd.csv', bytes: g.detailCsv } }, (p) => seen.push(p.fraction));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(seen.at(-1)).toBe(1);
  });
});

describe('parseTaobaoClassic rejects broken files with the place of the problem', () => {
  const broken = brokenVariants({ seed: 7, orders: 12, k: 5 });
  const files = (orderCsv: Buffer, detailCsv: Buffer) => ({
    orderFile: { name: broken.orderFileName, bytes: orderCsv },
    detailFile: { name: broken.detailFileName, bytes: detailCsv },
  });

  it('names file, row and column of a bad amount, and returns no orders', () => {
    const r = parseTaobaoClassic(files(broken.badAmount.orderCsv, broken.badAmount.detailCsv));
    expect(r.orders).toEqual([]);
    expect(r.errors).toEqual([{ file: broken.orderFileName, row: 6, column: '买家实际支付金额', msg: { key: 'import.cell.amount', params: { value: 'abc' } } }]);
  });

  it('refuses a file without the 订单编号 column, naming it at the header row', () => {
    const r = parseTaobaoClassic(files(broken.missingOrderIdHeader.orderCsv, broken.missingOrderIdHeader.detailCsv));
    expect(r).toEqual({ orders: [], errors: [{ file: broken.orderFileName, row: 1, column: '订单编号', msg: { key: 'import.file.columnMissing' } }] });
  });

  it('refuses a truncated file, naming the row where the quote opened', () => {
    const r = parseTaobaoClassic(files(broken.truncatedQuote.orderCsv, broken.truncatedQuote.detailCsv));
    expect(r).toEqual({ orders: [], errors: [{ file: broken.orderFileName, row: broken.truncatedQuote.row, msg: { key: 'import.file.unterminatedQuote' } }] });
  });

  it('refuses empty files', () => {
    const e = thrown(() => parseTaobaoClassic(files(Buffer.alloc(0), broken.badAmount.detailCsv)));
    expect(e.msg).toEqual({ key: 'import.file.empty', params: { file: broken.orderFileName } });
  });
});

describe('parseTaobaoClassic details', () => {
  it('reads one hand-made order with every field', () => {
    const r = parsePair(
      [baseOrder({ 买家留言: '请发顺丰，谢谢!\r\n不要放"快递柜"', 订单备注: '送小样', '物流单号 ': 'No:YT7477226345628', 物流公司: '圆通速递' })],
      [baseLine()],
    );
    expect(r.errors).toEqual([]);
    expect(r.orders).toEqual([
      {
        platform: 'taobao',
        externalId: ID,
        platformStatus: 'WAIT_SELLER_SEND_GOODS',
        buyerNick: 'tb123',
        receiver: { name: '王小明', mobile: '13812345678', phone: '', province: '上海市', city: '上海市', district: '浦东新区', detail: '张江镇 祖冲之路1号', zip: '200120' },
        buyerMessage: '请发顺丰，谢谢!\n不要放"快递柜"',
        sellerMemo: '送小样',
        paidFen: 59800,
        postageFen: 0,
        createdAt: '2019-03-12T02:48:00.000Z',
        paidAt: '2019-03-12T02:50:00.000Z',
        shipDeadline: null,
        carrierName: '圆通速递',
        trackingNo: 'YT7477226345628',
        lines: [{ lineNo: 1, subOrderId: null, skuCode: 'TS-001', title: 'T恤', props: '颜色分类：白色;尺码：XL', qty: 1, priceFen: 59800, refundStatus: null }],
      },
    ]);
  });

  it('prefers 修改后的收货地址 when filled', () => {
    const r = parsePair([baseOrder({ 修改后的收货地址: '浙江省 杭州市 余杭区 五常街道 文一西路969号(311121)' })], [baseLine()]);
    expect(r.orders[0]?.receiver).toMatchObject({ province: '浙江省', district: '余杭区', zip: '311121' });
  });

  it('joins lines on 订单编号, numbering them, with 外部系统编号 as fallback code', () => {
    const r = parsePair([baseOrder()], [baseLine(), baseLine({ 商家编码: '', 外部系统编号: 'EXT-9', 购买数量: '3', 价格: '9.9' }), baseLine({ 商家编码: '' })]);
    expect(r.orders[0]?.lines.map((l) => [l.lineNo, l.skuCode, l.qty, l.priceFen])).toEqual([[1, 'TS-001', 1, 59800], [2, 'EXT-9', 3, 990], [3, null, 1, 59800]]);
  });

  it('gives an order missing from the 宝贝报表 one line from 宝贝标题 / 宝贝总数量', () => {
    const r = parsePair([baseOrder({ '宝贝标题 ': 'A，B', 宝贝总数量: '3' })], []);
    expect(r.orders[0]?.lines).toEqual([{ lineNo: 1, subOrderId: null, skuCode: null, title: 'A，B', props: null, qty: 3, priceFen: null, refundStatus: null }]);
  });

  it('marks a refund in 退款金额 on every line so the bench holds the order', () => {
    const r = parsePair([baseOrder({ 退款金额: '12.30' })], [baseLine()]);
    const o = r.orders[0];
    expect(o?.lines[0]?.refundStatus).toContain('12.30');
    expect(o && shipBlockReason(o.platformStatus, o.lines)?.code).toBe('refund_pending');
  });

  it('reports each bad cell with its file, spreadsheet row and Chinese column name', () => {
    const r = parsePair(
      [
        baseOrder(),
        baseOrder({ 订单编号: '="4012345678901234568"', 订单付款时间: '', '订单付款时间 ': '昨天' }),
        baseOrder({ 订单编号: '4.01235E+18' }),
        baseOrder({ 订单编号: '="4012345678901234569"', 订单状态: '神秘状态' }),
        baseOrder(),
      ],
      [baseLine({ 购买数量: '0' }), baseLine({ 订单编号: '="1111111111111111111"' })],
    );
    expect(r.orders).toEqual([]);
    expect(r.errors).toEqual([
      { file: ORDER_FILE, row: 3, column: '订单付款时间', msg: { key: 'import.cell.date', params: { value: '昨天' } } },
      { file: ORDER_FILE, row: 4, column: '订单编号', msg: { key: 'import.order.idScientific', params: { value: '4.01235E+18' } } },
      { file: ORDER_FILE, row: 5, column: '订单状态', msg: { key: 'import.order.unknownStatus', params: { value: '神秘状态' } } },
      { file: ORDER_FILE, row: 6, column: '订单编号', msg: { key: 'import.order.idDuplicate', params: { id: ID, row: 2 } } },
      { file: DETAIL_FILE, row: 2, column: '购买数量', msg: { key: 'import.cell.qty', params: { value: '0' } } },
      { file: DETAIL_FILE, row: 3, column: '订单编号', msg: { key: 'import.order.notInOrderFile', params: { id: '1111111111111111111', file: ORDER_FILE } } },
    ]);
  });

  it('lists every problem of rows whose order id is empty or missing at once, not only the id', () => {
    const OTHER = '4012345678901234568';
    const r = parsePair(
      [baseOrder(), baseOrder({ 订单编号: '=""', 买家实际支付金额: 'abc' })],
      [baseLine(), baseLine({ 订单编号: `="${OTHER}"`, 购买数量: '两', 价格: '十二' })],
    );
    expect(r.orders).toEqual([]);
    expect(r.errors).toEqual([
      { file: ORDER_FILE, row: 3, column: '订单编号', msg: { key: 'import.order.idEmpty' } },
      { file: ORDER_FILE, row: 3, column: '买家实际支付金额', msg: { key: 'import.cell.amount', params: { value: 'abc' } } },
      { file: DETAIL_FILE, row: 3, column: '订单编号', msg: { key: 'import.order.notInOrderFile', params: { id: OTHER, file: ORDER_FILE } } },
      { file: DETAIL_FILE, row: 3, column: '购买数量', msg: { key: 'import.cell.qty', params: { value: '两' } } },
      { file: DETAIL_FILE, row: 3, column: '价格', msg: { key: 'import.cell.amount', params: { value: '十二' } } },
    ]);
  });

  it('counts rows as a spreadsheet does when a message spans lines', () => {
    const r = parsePair([baseOrder({ 买家留言: 'a\nb\nc' }), baseOrder({ 订单编号: '="4012345678901234568"', 买家实际支付金额: 'x' })], [baseLine()]);
    expect(r.errors[0]).toMatchObject({ row: 3, column: '买家实际支付金额' });
  });

  it('flags a row cut short (an unquoted line break) instead of reading it half', () => {
    const text = csv(ORDER_HEADER, [baseOrder()]) + `="4012345678901234568",tb,1\r\n`;
    const r = parseTaobaoClassic({
      orderFile: { name: ORDER_FILE, bytes: iconv.encode(text, 'gbk') },
      detailFile: { name: DETAIL_FILE, bytes: iconv.encode(csv(DETAIL_HEADER, [baseLine()]), 'gbk') },
    });
    expect(r.errors).toEqual([{ file: ORDER_FILE, row: 3, column: '买家应付邮费', msg: { key: 'import.row.tooFewColumns', params: { expected: ORDER_HEADER.length, actual: 3 } } }]);
  });

  it('skips blank lines and reads UTF-8 files re-saved with a BOM', () => {
    const text = `\uFEFF${csv(ORDER_HEADER, [baseOrder()])}\r\n,,,\r\n`;
    const r = parseTaobaoClassic({
      orderFile: { name: ORDER_FILE, bytes: Buffer.from(text, 'utf8') },
      detailFile: { name: DETAIL_FILE, bytes: Buffer.from(csv(DETAIL_HEADER, [baseLine()]), 'utf8') },
    });
    expect(r.errors).toEqual([]);
    expect(r.orders.map((o) => o.externalId)).toEqual([ID]);
  });

  it('reads a closed order whose 订单关闭原因 is given, and an unpaid one with no payment time', () => {
    const r = parsePair(
      [baseOrder({ 订单状态: '交易关闭', 订单关闭原因: '买家未付款', '订单付款时间 ': '' }), baseOrder({ 订单编号: '="4012345678901234568"', 订单状态: '等待买家付款', '订单付款时间 ': '' })],
      [baseLine()],
    );
    expect(r.orders.map((o) => [o.platformStatus, o.paidAt])).toEqual([['TRADE_CLOSED', null], ['WAIT_BUYER_PAY', null]]);
  });
});
