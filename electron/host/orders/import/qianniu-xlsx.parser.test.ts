import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { importedOrderSchema } from '#shared/contract/orders.contract';
import { generateQianniuXlsx } from '../../../../test/fixtures/taobao-export.generator';
import { parseQianniuXlsx } from './qianniu-xlsx.parser';

async function workbook(sheets: Record<string, ExcelJS.CellValue[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

const ITEM_HEADER = ['子订单编号', '主订单编号', '商品标题', '商品价格', '购买数量', '商家编码', '订单状态', '退款状态', '应发货时间', '主订单买家留言'];

describe('parseQianniuXlsx', () => {
  it('returns the generated truths from one workbook with both sheets', async () => {
    const g = await generateQianniuXlsx({ orders: 400, seed: 3 });
    const r = await parseQianniuXlsx({ name: 'orders.xlsx', bytes: g.xlsx });
    expect(r.errors).toEqual([]);
    expect(r.orders).toEqual(g.orders);
    for (const o of r.orders) importedOrderSchema.parse(o);
    expect(r.orders.some((o) => o.lines.some((l) => l.refundStatus !== null))).toBe(true);
    expect(r.orders.every((o) => o.paidAt === null || o.shipDeadline !== null)).toBe(true);
  });

  it('reads the 主订单 and 子订单 workbooks handed out separately, in either order', async () => {
    const g = await generateQianniuXlsx({ orders: 120, seed: 4 });
    const r = await parseQianniuXlsx([
      { name: '子订单.xlsx', bytes: g.itemXlsx },
      { name: '主订单.xlsx', bytes: g.orderXlsx },
    ]);
    expect(r).toEqual({ orders: g.orders, errors: [] });
  });

  it('leaves the receiver blank (not an error) when the export has no receiver columns', async () => {
    const g = await generateQianniuXlsx({ orders: 30, seed: 5, receivers: 'absent' });
    const r = await parseQianniuXlsx({ name: 'enc.xlsx', bytes: g.xlsx });
    expect(r.errors).toEqual([]);
    expect(r.orders.every((o) => Object.values(o.receiver).every((v) => v === ''))).toBe(true);
    expect(r.orders).toEqual(g.orders);
  });

  it('builds orders from the 子订单 sheet alone', async () => {
    const g = await generateQianniuXlsx({ orders: 40, seed: 6 });
    const r = await parseQianniuXlsx({ name: 'items.xlsx', bytes: g.itemXlsx });
    expect(r.errors).toEqual([]);
    expect(r.orders.map((o) => o.externalId)).toEqual(g.orders.map((o) => o.externalId));
    expect(r.orders.map((o) => o.lines)).toEqual(g.orders.map((o) => o.lines));
    expect(r.orders.map((o) => o.platformStatus)).toEqual(g.orders.map((o) => o.platformStatus));
  });

  it('refuses a numeric id cell past 2^53, naming sheet, row and column, and returns nothing', async () => {
    const g = await generateQianniuXlsx({ orders: 10, seed: 7, numericIdAt: 2 });
    const r = await parseQianniuXlsx({ name: 'q.xlsx', bytes: g.xlsx });
    expect(r.orders).toEqual([]);
    expect(r.errors[0]).toEqual({ file: 'q.xlsx', sheet: '主订单', row: 4, column: '订单编号', msg: { key: 'import.xlsx.idAsNumber', params: { value: expect.stringMatching(/^\d{17,19}$/) } } });
  });

  it('keeps ids written as small safe numbers, and finds a header below a title row', async () => {
    const bytes = await workbook({
      Sheet1: [
        ['千牛导出 2025-03-01'],
        ITEM_HEADER,
        [1234567890123, 987654321, { richText: [{ text: '纯棉' }, { text: 'T恤' }] }, 59.8, 2, 'TS-1', '买家已付款,等待卖家发货', '退款中', new Date(Date.UTC(2025, 2, 3, 10, 0)), '尽快'],
      ],
    });
    const r = await parseQianniuXlsx({ name: 'x.xlsx', bytes });
    expect(r.errors).toEqual([]);
    expect(r.orders[0]).toMatchObject({
      externalId: '987654321',
      platformStatus: 'WAIT_SELLER_SEND_GOODS',
      shipDeadline: '2025-03-03T02:00:00.000Z',
      buyerMessage: '尽快',
      lines: [{ subOrderId: '1234567890123', title: '纯棉T恤', priceFen: 5980, qty: 2, skuCode: 'TS-1', refundStatus: '退款中' }],
    });
  });

  it('reports bad cells with the sheet, the Excel row and the header as written', async () => {
    const bytes = await workbook({
      子订单: [ITEM_HEADER, ['1001001001', '2002002002', 'A', 'abc', 0, '', '神秘', '', '明天', '']],
    });
    const r = await parseQianniuXlsx({ name: 'x.xlsx', bytes });
    expect(r.orders).toEqual([]);
    const at = { file: 'x.xlsx', sheet: '子订单', row: 2 };
    expect(r.errors).toEqual([
      { ...at, column: '购买数量', msg: { key: 'import.cell.qty', params: { value: '0' } } },
      { ...at, column: '商品价格', msg: { key: 'import.cell.amount', params: { value: 'abc' } } },
      { ...at, column: '应发货时间', msg: { key: 'import.cell.date', params: { value: '明天' } } },
      { ...at, column: '订单状态', msg: { key: 'import.order.unknownStatus', params: { value: '神秘' } } },
    ]);
  });

  it('checks the cells of a 子订单 row whose order is not in the 主订单 sheet, listing both problems', async () => {
    const bytes = await workbook({
      主订单: [['主订单编号', '订单状态', '收货人姓名'], ['2002002002', '等待卖家发货', '王小明']],
      子订单: [ITEM_HEADER, ['1001001001', '3003003003', 'A', '1.00', '两', '', '等待卖家发货', '', '', '']],
    });
    const r = await parseQianniuXlsx({ name: 'x.xlsx', bytes });
    expect(r.orders).toEqual([]);
    const at = { file: 'x.xlsx', sheet: '子订单', row: 2 };
    expect(r.errors).toEqual([
      { ...at, column: '主订单编号', msg: { key: 'import.order.notInOrderSheet', params: { id: '3003003003' } } },
      { ...at, column: '购买数量', msg: { key: 'import.cell.qty', params: { value: '两' } } },
    ]);
  });

  it('refuses a workbook without order sheets, and a file that is not a workbook', async () => {
    const bytes = await workbook({ 其他: [['名称', '数量'], ['a', 1]] });
    expect((await rejection(parseQianniuXlsx({ name: 'other.xlsx', bytes }))).msg).toEqual({ key: 'import.xlsx.noOrderSheet', params: { files: 'other.xlsx' } });
    const junk = Buffer.from('PK\u0003\u0004 not really a zip');
    expect((await rejection(parseQianniuXlsx({ name: 'bad.xlsx', bytes: junk }))).msg).toEqual({ key: 'import.xlsx.notWorkbook', params: { file: 'bad.xlsx' } });
  });
});
