import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator } from '#shared/i18n/translator';
import { adminStation } from '../host/host-client';

const hosts: { close(): unknown }[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.close()));

const file = (rows: string[]) => ({ name: '商品.csv', base64: iconv.encode(['商家编码,名称,条码,重量', ...rows].join('\r\n'), 'gbk').toString('base64') });
const zh = createTranslator('zh-CN');
const en = createTranslator('en');

/** A rejected catalog import, as the keeper reads its report: how many rows were read, and every bad value. */
describe('a rejected catalog import says what it read and what was wrong', () => {
  it('counts the rows read, and a problem in many rows lists each bad value', async () => {
    const { call } = await adminStation(hosts);
    const report = await call('catalog.importCsv', { file: file(['TEA-001,龙井,6900000000101,250', 'TEA-002,碧螺春,6900000000102,很重', 'TEA-003,普洱,6900000000103,两斤', 'TEA-004,白茶,6900000000104,"1,5kg"']) });
    expect(report).toMatchObject({ rejected: true, skusRead: 4, created: 0 });
    expect(report.errors).toHaveLength(1);
    const [weight] = report.errors;
    expect(weight).toMatchObject({ row: 3, column: '重量', repeats: { count: 3, rows: [3, 4, 5] } });
    expect(zh.t(weight!.msg)).toBe('重量格式错误：“很重”（例：350 或 0.35kg）；同样有问题的还有：“两斤”, “1,5kg”');
  });

  it('lists a bounded number of values and counts the rest', async () => {
    const { call } = await adminStation(hosts);
    const rows = Array.from({ length: 14 }, (_, i) => `S-${i},商品,69000000002${String(i).padStart(2, '0')},${i}斤`);
    const report = await call('catalog.importCsv', { file: file(rows) });
    expect(report).toMatchObject({ rejected: true, skusRead: 14 });
    const text = en.t(report.errors[0]!.msg);
    expect(text).toMatch(/^not a weight: "0斤" .*; also “1斤”, “2斤”, .*, “10斤” …and 3 more$/);
    expect(text).not.toContain('11斤');
  });

  it('a SKU that would pass 50 barcodes with those it has is a row error, and nothing is saved', async () => {
    const { call } = await adminStation(hosts);
    const code = (i: number) => `69${String(i).padStart(11, '0')}`;
    const first = await call('catalog.importCsv', { file: file([`CUP-1,杯子,${Array.from({ length: 49 }, (_, i) => code(i)).join('|')},200`]) });
    expect(first).toMatchObject({ rejected: false, created: 1, barcodes: 49 });
    const again = await call('catalog.importCsv', { file: file([`CUP-1,杯子,${code(100)}|${code(101)},200`]) });
    expect(again).toMatchObject({ rejected: true, errors: [{ row: 2, column: '条码', msg: { key: 'catalog.import.tooManyBarcodes', params: { count: 51, max: 50 } } }] });
    expect(zh.t(again.errors[0]!.msg)).toBe('一个商品最多 50 个条码（含箱规条码和已有的条码），这一行合计 51 个');
    const [cup] = (await call('catalog.list', { query: 'CUP-1' })).skus;
    expect(cup?.barcodes).toHaveLength(49);
  });
});
