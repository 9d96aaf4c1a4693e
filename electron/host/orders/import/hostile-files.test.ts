import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { RowError } from '#shared/contract/common';
import type { ColumnMapping } from '#shared/contract/orders.contract';
import { baseLine, baseOrder, classicFiles, csv, DETAIL_FILE, DETAIL_HEADER, ID, ORDER_FILE, ORDER_HEADER } from '../../../../test/fixtures/classic-rows';
import { deflatedSpaces, excelEscape, forbiddenChars, workbookWith, zipOf } from '../../../../test/fixtures/hostile-files';
import { parseMappedCsv } from './mapped-csv.parser';
import { parseQianniuXlsx } from './qianniu-xlsx.parser';
import { parseTaobaoClassic } from './taobao-classic.parser';

/**
 * Order files as an attacker (or a broken tool) writes them: control characters, overlong cells,
 * bytes that are not the encoding they claim, rows of the wrong width, zip bombs. Each must be
 * refused with the file, the spreadsheet row and the column a person can find.
 */

const ID2 = '4012345678901234568';
const problem = (file: string, row: number, column: string | undefined, key: string, params?: object): Partial<RowError> =>
  expect.objectContaining({ file, row, ...(column === undefined ? {} : { column }), msg: params ? { key, params: expect.objectContaining(params) } : expect.objectContaining({ key }) });

async function rejection(p: Promise<unknown>): Promise<{ msg: { key: string; params?: Record<string, unknown> } }> {
  try {
    await p;
  } catch (e) {
    return e as { msg: { key: string } };
  }
  throw new Error('expected the workbook to be refused');
}

describe('control characters in order files', () => {
  it.each(forbiddenChars)('a classic export with %s in 买家留言 is refused at its row and column', (_name, char, named) => {
    const r = parseTaobaoClassic(classicFiles([baseOrder(), baseOrder({ 订单编号: `="${ID2}"`, 买家留言: `尽快${char}发货` })], [baseLine(), baseLine({ 订单编号: `="${ID2}"` })], ORDER_HEADER, 'gb18030'));
    expect(r.orders).toEqual([]);
    expect(r.errors).toEqual([problem(ORDER_FILE, 3, '买家留言', 'import.cell.control', { char: named })]);
  });

  it('refuses NUL inside an order id and inside the 商家编码 of an item row', () => {
    const r = parseTaobaoClassic(classicFiles([baseOrder({ 订单编号: `="${ID}\u0000"` }), baseOrder({ 订单编号: `="${ID2}"` })], [baseLine({ 订单编号: `="${ID2}"`, 商家编码: 'TS-\u00001' })]));
    expect(r.orders).toEqual([]);
    expect(r.errors).toEqual(expect.arrayContaining([
      problem(ORDER_FILE, 2, '订单编号', 'import.cell.control', { char: 'U+0000' }),
      problem(DETAIL_FILE, 2, '商家编码', 'import.cell.control', { char: 'U+0000' }),
    ]));
  });

  it('refuses a control character even in a column the import does not read', () => {
    const r = parseTaobaoClassic(classicFiles([baseOrder()], [baseLine({ 套餐信息: 'x\u0000' })]));
    expect(r.orders).toEqual([]);
    expect(r.errors).toEqual([problem(DETAIL_FILE, 2, '套餐信息', 'import.cell.control')]);
  });

  it('keeps tabs and line breaks inside quoted free text, which CSV allows', () => {
    const r = parseTaobaoClassic(classicFiles([baseOrder({ 买家留言: '第一行\r\n第二行\t带制表符' })], [baseLine()]));
    expect(r.errors).toEqual([]);
    expect(r.orders[0]?.buyerMessage).toBe('第一行\n第二行\t带制表符');
  });

  it('refuses a tab or a zero-width character inside a code, where it would make two codes look alike', () => {
    const tab = parseTaobaoClassic(classicFiles([baseOrder()], [baseLine({ 商家编码: 'TS\t001' })]));
    expect(tab.errors).toEqual([problem(DETAIL_FILE, 2, '商家编码', 'import.cell.control', { char: 'U+0009' })]);
    const zeroWidth = parseTaobaoClassic(classicFiles([baseOrder()], [baseLine(), baseLine({ 商家编码: 'TS\u200B001' })], ORDER_HEADER, 'gb18030'));
    expect(zeroWidth.errors).toEqual([problem(DETAIL_FILE, 3, '商家编码', 'import.cell.control', { char: 'U+200B' })]);
    expect([tab.orders, zeroWidth.orders]).toEqual([[], []]);
  });

  it('refuses control characters in a mapped CSV, sub-order ids included', () => {
    const mapping: ColumnMapping = { name: 'erp', columns: { orderId: '单号', subOrderId: '子单号', title: '品名' }, encoding: 'auto' };
    const text = `单号,子单号,品名\r\n${ID},9\u00001234567,书\r\n${ID2},,书\u2028本\r\n`;
    const r = parseMappedCsv({ name: 'erp.csv', bytes: Buffer.from(text, 'utf8') }, mapping);
    expect(r.orders).toEqual([]);
    expect(r.errors).toEqual([problem('erp.csv', 2, '子单号', 'import.cell.control'), problem('erp.csv', 3, '品名', 'import.cell.control', { char: 'U+2028' })]);
  });

  it('refuses a 千牛 workbook whose cells carry control characters through Excel escapes, naming the sheet', async () => {
    const header = ['子订单编号', '主订单编号', '商品标题', '购买数量', '商家编码', '订单状态'];
    const bytes = await workbookWith(
      { 子订单: [header, ['1001001001', '2002002002', 'TITLE-A', 1, 'CODE-A', '买家已付款,等待卖家发货'], ['1001001002', '2002002003', '书\u202E本', 1, 'B', '买家已付款,等待卖家发货']] },
      { 'CODE-A': `CODE${excelEscape('\u0000')}A` },
    );
    const r = await parseQianniuXlsx({ name: 'q.xlsx', bytes });
    expect(r.orders).toEqual([]);
    expect(r.errors).toEqual([
      { file: 'q.xlsx', sheet: '子订单', row: 2, column: '商家编码', msg: { key: 'import.cell.control', params: { char: 'U+0000' } } },
      { file: 'q.xlsx', sheet: '子订单', row: 3, column: '商品标题', msg: { key: 'import.cell.control', params: { char: 'U+202E' } } },
    ]);
  });
});

describe('field lengths', () => {
  it('refuses an overlong receiver name, SKU code and buyer message, each at its cell', () => {
    const r = parseTaobaoClassic(classicFiles(
      [baseOrder({ 收货人姓名: '王'.repeat(101), 买家留言: '快'.repeat(2001) })],
      [baseLine({ 商家编码: 'S'.repeat(65) })],
    ));
    expect(r.orders).toEqual([]);
    expect(r.errors).toEqual([
      problem(ORDER_FILE, 2, '买家留言', 'import.cell.tooLong', { length: 2001, max: 2000 }),
      problem(ORDER_FILE, 2, '收货人姓名', 'import.cell.tooLong', { length: 101, max: 100 }),
      problem(DETAIL_FILE, 2, '商家编码', 'import.cell.tooLong', { length: 65, max: 64 }),
    ]);
  });
});

describe('bytes that are not the encoding they claim', () => {
  const mapping: ColumnMapping = { name: 'erp', columns: { orderId: '单号', title: '品名' }, encoding: 'auto' };

  it('names the row where a UTF-8 mapped CSV stops being UTF-8, instead of a missing column', () => {
    const good = Buffer.from(`单号,品名\r\n${ID},"两行\n的书"\r\n${ID2},杯子\r\n`, 'utf8');
    const broken = Buffer.concat([good, Buffer.from(`4012345678901234569,坏`, 'utf8'), Buffer.from([0xe4, 0xb8]), Buffer.from('\r\n')]);
    const r = parseMappedCsv({ name: 'erp.csv', bytes: broken }, mapping);
    expect(r.orders).toEqual([]);
    expect(r.errors).toEqual([problem('erp.csv', 4, undefined, 'import.file.notDecodable', { encoding: 'UTF-8' })]);
  });

  it('says when a file with a UTF-8 byte-order mark is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from(`\uFEFF单号,品名\r\n${ID},书\r\n`, 'utf8'), Buffer.from([0xff, 0x2c, 0x41, 0x0d, 0x0a])]);
    const r = parseMappedCsv({ name: 'bom.csv', bytes }, mapping);
    expect(r.errors).toEqual([problem('bom.csv', 3, undefined, 'import.file.notDecodableAsClaimed', { encoding: 'UTF-8' })]);
  });

  it('says when a mapping fixed to UTF-8 meets a GBK file', () => {
    const r = parseMappedCsv({ name: 'gbk.csv', bytes: iconv.encode(`单号,品名\r\n${ID},书\r\n`, 'gbk') }, { ...mapping, encoding: 'utf-8' });
    expect(r.errors).toEqual([problem('gbk.csv', 1, undefined, 'import.file.notDecodableAsClaimed', { encoding: 'UTF-8' })]);
  });

  it('names the row where a GBK export breaks off in the middle of a character', () => {
    const text = csv(ORDER_HEADER, [baseOrder(), baseOrder({ 订单编号: `="${ID2}"` })]);
    const bytes = iconv.encode(text, 'gbk');
    const cut = Buffer.concat([bytes, Buffer.from([0x34, 0x30, 0x31, 0x2c, 0xd6, 0x2c, 0x0d, 0x0a])]);
    const r = parseTaobaoClassic({ orderFile: { name: ORDER_FILE, bytes: cut }, detailFile: classicFiles([baseOrder()], [baseLine()]).detailFile });
    expect(r.errors).toEqual([problem(ORDER_FILE, 4, undefined, 'import.file.notDecodable', { encoding: 'GBK/GB18030' })]);
  });
});

describe('rows of the wrong width', () => {
  it('names the first missing column of a short row and the first extra column of a long one', () => {
    const text = `${csv(ORDER_HEADER, [baseOrder()])}="${ID2}",tb,1\r\n${csv(ORDER_HEADER, [baseOrder({ 订单编号: '="4012345678901234569"' })]).split('\r\n')[1]},extra\r\n`;
    const r = parseTaobaoClassic({ orderFile: { name: ORDER_FILE, bytes: iconv.encode(text, 'gbk') }, detailFile: classicFiles([baseOrder()], [baseLine()]).detailFile });
    expect(r.errors).toEqual([
      problem(ORDER_FILE, 3, '买家应付邮费', 'import.row.tooFewColumns', { expected: 19, actual: 3 }),
      problem(ORDER_FILE, 4, 'T', 'import.row.tooManyColumns', { expected: 19, actual: 20 }),
    ]);
  });
});

describe('a row the order file could not read', () => {
  it('is its own problem; its detail rows are not blamed on the other file', () => {
    const second = baseOrder({ 订单编号: `="${ID2}"` });
    const text = `${csv(ORDER_HEADER, [baseOrder()])}${csv(ORDER_HEADER, [second]).split('\r\n')[1]},extra,cells\r\n`;
    const detail = classicFiles([baseOrder(), second], [baseLine(), baseLine({ 订单编号: `="${ID2}"` })]).detailFile;
    const r = parseTaobaoClassic({ orderFile: { name: ORDER_FILE, bytes: iconv.encode(text, 'gbk') }, detailFile: detail });
    expect(r.errors).toEqual([problem(ORDER_FILE, 3, 'T', 'import.row.tooManyColumns', { expected: 19, actual: 21 })]);
  });
});

describe('one problem in many rows', () => {
  it('is one line with its count and the first rows, not ninety', () => {
    const lines = Array.from({ length: 90 }, (_, i) => baseLine({ 订单编号: `="40123456789012${String(10000 + i)}"` }));
    const r = parseTaobaoClassic(classicFiles([baseOrder()], [baseLine(), ...lines]));
    expect(r.errors).toEqual([
      { file: DETAIL_FILE, row: 3, column: '订单编号', msg: expect.objectContaining({ key: 'import.order.notInOrderFile' }), repeats: { count: 90, rows: [3, 4, 5, 6, 7] } },
    ]);
  });
});

describe('XLSX size caps', () => {
  it('refuses a workbook that would unpack to 400 MB of XML, from its directory alone', async () => {
    const bomb = zipOf([deflatedSpaces(400, '<worksheet><sheetData>', '</sheetData></worksheet>')]);
    expect(bomb.length).toBeLessThan(600 * 1024);
    const e = await rejection(parseQianniuXlsx({ name: 'orders.xlsx', bytes: bomb }));
    expect(e.msg).toEqual({ key: 'import.xlsx.tooBig', params: expect.objectContaining({ file: 'orders.xlsx' }) });
  });

  it('refuses a workbook whose directory lies about the size, while inflating', async () => {
    const liar = { ...deflatedSpaces(200, '<worksheet><sheetData>', '</sheetData></worksheet>'), declaredSize: 1024 };
    const e = await rejection(parseQianniuXlsx({ name: 'orders.xlsx', bytes: zipOf([liar]) }));
    expect(e.msg.key).toBe('import.xlsx.tooBig');
  });

  it('refuses a workbook of thousands of tiny entries', async () => {
    const tiny = Array.from({ length: 5000 }, (_, i) => ({ ...deflatedSpaces(0, 'x'), name: `xl/media/${i}.xml` }));
    const e = await rejection(parseQianniuXlsx({ name: 'many.xlsx', bytes: zipOf(tiny) }));
    expect(e.msg).toEqual({ key: 'import.xlsx.tooManyEntries', params: expect.objectContaining({ count: 5000 }) });
  });
});

describe('detail rows of orders the order file lacks', () => {
  it('still names the detail file header as written', () => {
    const r = parseTaobaoClassic(classicFiles([baseOrder()], [baseLine({ 订单编号: `="${ID2}"` })]));
    expect(r.errors).toEqual([problem(DETAIL_FILE, 2, DETAIL_HEADER[0], 'import.order.notInOrderFile', { id: ID2, file: ORDER_FILE })]);
  });
});
