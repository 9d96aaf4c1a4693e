import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { createTranslator } from '#shared/i18n/translator';
import { adminStation } from '../host/host-client';

const hosts: { close(): unknown }[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.close()));

const zh = createTranslator('zh-CN');
const csvFile = (rows: string[]) => ({ name: '商品.csv', base64: Buffer.from(`\uFEFF${rows.join('\r\n')}`, 'utf8').toString('base64') });
const everySku = async (call: Awaited<ReturnType<typeof adminStation>>['call']) => (await call('catalog.list', { limit: 500 })).skus;

/** A keeper exports the SKU list, edits it in Excel or WPS, and imports it again. */
describe('catalog export', () => {
  it('writes every SKU with its stock, and importing the file again changes nothing, stock included', async () => {
    const { call, host } = await adminStation(hosts);
    await call('catalog.importCsv', {
      file: csvFile([
        '商家编码,名称,条码,箱规条码,箱规数量,重量(g),库位,安全库存',
        'TEA-01,龙井 250g,6901234567892|6901234567885,16901234567899,12,260,A-01-1,10',
        '-FREE,"=赠品,勿拍",6901234567878*6|16901234567882*24,,,0.05kg,,',
        "'LID,杯盖,@LID-1,,,,+B,0",
      ]),
    });
    await call('stock.count', { skuCode: 'TEA-01', countedQty: 40 });
    await call('stock.adjust', { skuCode: '-FREE', delta: -3, kind: 'other', note: '送人' });
    const before = await everySku(call);
    expect(before.map((s) => [s.code, s.onHand, s.safetyStock])).toEqual([["'LID", 0, 0], ['-FREE', -3, null], ['TEA-01', 40, 10]]);

    const file = await call('catalog.exportCsv', {});
    expect(file.fileName).toMatch(/^商品资料-\d{12}\.csv$/);
    expect(file).toMatchObject({ skus: 3, notReadBack: { count: 0, codes: [] } });
    const bytes = Buffer.from(file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parse(bytes.subarray(3).toString('utf8'))).toEqual([
      ['商家编码', '名称', '条码', '箱规条码', '箱规数量', '重量(g)', '库位', '安全库存', '库存'],
      ["'LID", '杯盖', "'@LID-1", '', '', '', "'+B", '0', '0'],
      ["'-FREE", "'=赠品,勿拍", '6901234567878*6|16901234567882*24', '', '', '50', '', '', '-3'],
      ['TEA-01', '龙井 250g', '6901234567885|6901234567892', '16901234567899', '12', '260', 'A-01-1', '10', '40'],
    ]);

    // The same file back: every SKU read as it is (nothing saved, nothing to sync), 库存 named as not read, and no stock moved.
    const outbox = () => (host.context.db.prepare("SELECT count(*) FROM outbox WHERE type = 'sku.saved'").pluck().get() as number);
    const saves = outbox();
    const report = await call('catalog.importCsv', { file: { name: file.fileName, base64: file.base64 } });
    expect(report).toMatchObject({ rejected: false, errors: [], skusRead: 3, created: 0, updated: 0, unchanged: 3, unreadColumns: ['库存'] });
    expect(outbox()).toBe(saves);
    expect(await everySku(call)).toEqual(before);

    // 安全库存 edited in the file lands; a cell emptied, or a list without the column, keeps what the SKU has.
    const text = bytes.subarray(3).toString('utf8').replace('A-01-1,10,40', 'A-01-1,25,40').replace(`"'+B",0,0`, `"'+B",,0`);
    expect(text).toContain(`"'+B",,0`);
    await call('catalog.importCsv', { file: { name: file.fileName, base64: Buffer.from(text, 'utf8').toString('base64') } });
    await call('catalog.importCsv', { file: csvFile(['商家编码,名称', '-FREE,"=赠品,勿拍"']) });
    expect((await everySku(call)).map((s) => [s.code, s.safetyStock])).toEqual([["'LID", 0], ['-FREE', null], ['TEA-01', 25]]);
  });

  it('an empty 名称, 重量 or 库位 cell keeps what the SKU has, as an empty 安全库存 does; a new SKU with empty cells has none', async () => {
    const { call } = await adminStation(hosts);
    const header = '商家编码,名称,条码,重量(g),库位,安全库存';
    await call('catalog.importCsv', { file: csvFile([header, 'CUP-1,保温杯,6901234567854,300,A-01,5']) });
    const report = await call('catalog.importCsv', { file: csvFile([header, 'CUP-1,保温杯 500ml,6901234567854,,,', 'LID-1,杯盖,6901234567861,,,']) });
    expect(report).toMatchObject({ rejected: false, created: 1, updated: 1 });
    const kept = [['CUP-1', '保温杯 500ml', 300, 'A-01', 5], ['LID-1', '杯盖', null, '', null]];
    const skus = async () => (await everySku(call)).map((s) => [s.code, s.name, s.weightG, s.location, s.safetyStock]);
    expect(await skus()).toEqual(kept);
    // A list without those columns says nothing of them either, nor does an empty name.
    await call('catalog.importCsv', { file: csvFile(['商家编码,名称', 'CUP-1,保温杯 500ml']) });
    expect(await skus()).toEqual(kept);
    await call('catalog.importCsv', { file: csvFile(['商家编码,名称,条码', 'CUP-1,,6901234567854']) });
    expect(await skus()).toEqual(kept);
  });

  it('takes an edited file back: the edit lands, the 库存 typed over is not stock (a count is)', async () => {
    const { call } = await adminStation(hosts);
    await call('catalog.saveSku', { code: 'CUP-1', name: '保温杯', weightG: 300, location: '', barcodes: [{ barcode: '6901234567854', units: 1 }], create: true });
    await call('stock.count', { skuCode: 'CUP-1', countedQty: 7 });
    const exported = Buffer.from((await call('catalog.exportCsv', {})).base64, 'base64').subarray(3).toString('utf8');
    const edited = exported.replace('保温杯', '保温杯 500ml').replace(/,7\r\n$/, ',999\r\n');
    const report = await call('catalog.importCsv', { file: { name: '商品资料.csv', base64: Buffer.from(edited, 'utf8').toString('base64') } });
    expect(report.unreadColumns).toEqual(['库存']);
    expect(zh.t({ key: 'catalog.report.stockUnread' })).toContain('盘点');
    expect((await everySku(call))[0]).toMatchObject({ name: '保温杯 500ml', onHand: 7 });
  });

  it('names the SKUs the file would not bring back as they are', async () => {
    const { call } = await adminStation(hosts);
    // The SKU editor takes a barcode with a space; the import splits a cell at spaces.
    await call('catalog.saveSku', { code: 'ODD', name: '怪条码', weightG: null, location: '', barcodes: [{ barcode: 'AB 12', units: 1 }], create: true });
    await call('catalog.saveSku', { code: 'OK', name: '正常', weightG: null, location: '', barcodes: [{ barcode: 'AB12', units: 1 }], create: true });
    expect((await call('catalog.exportCsv', {})).notReadBack).toEqual({ count: 1, codes: ['ODD'] });
  });

  it('is a supervisor’s or admin’s: a packer is refused', async () => {
    const { call } = await adminStation(hosts);
    await call('users.save', { name: '小王', role: 'packer', pin: '2468' });
    await call('session.login', { pin: '2468' });
    const refused = await call('catalog.exportCsv', {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('FORBIDDEN');
  });
});
