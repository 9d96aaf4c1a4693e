import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { skuSchema } from '#shared/contract/catalog.contract';
import { sampleSkuCsv } from '../../../test/fixtures/write-sample-exports';
import { parseCatalogCsv, parseWeightToGrams } from './catalog-csv.parser';

const file = (text: string, name = 'skus.csv') => ({ name, bytes: iconv.encode(text, 'gbk') });

describe('parseCatalogCsv', () => {
  it('reads Chinese headers, several barcodes per cell and case barcodes', () => {
    const text = [
      '商家编码,名称,条码,箱规条码,箱规数量,重量(g),库位',
      'TS-1,纯棉T恤,"6901234567892|6901234567885; 6901234567878",6901234567861,12,350,A-01-1',
      'CUP-1,保温杯,="6901234567854",,,0.35kg,',
      'BAG-1,帆布包,6901234567847*6 6901234567830,,,,',
    ].join('\r\n');
    const r = parseCatalogCsv(file(text));
    expect(r.errors).toEqual([]);
    expect(r.skus).toEqual([
      {
        code: 'TS-1', name: '纯棉T恤', weightG: 350, location: 'A-01-1',
        barcodes: [
          { barcode: '6901234567892', units: 1 },
          { barcode: '6901234567885', units: 1 },
          { barcode: '6901234567878', units: 1 },
          { barcode: '6901234567861', units: 12 },
        ],
      },
      { code: 'CUP-1', name: '保温杯', weightG: 350, location: '', barcodes: [{ barcode: '6901234567854', units: 1 }] },
      { code: 'BAG-1', name: '帆布包', weightG: null, location: '', barcodes: [{ barcode: '6901234567847', units: 6 }, { barcode: '6901234567830', units: 1 }] },
    ]);
    for (const s of r.skus) skuSchema.parse({ ...s, onHand: 0 });
  });

  it('reads English headers in any case and a UTF-8 BOM file', () => {
    const text = '\uFEFFSKU,Name,Barcode,Case_Barcode,Case Qty,Weight_g,Location\r\nA1,Apple,111111,222222,24,0.2kg,B-2\r\n';
    const r = parseCatalogCsv({ name: 'en.csv', bytes: Buffer.from(text, 'utf8') });
    expect(r.errors).toEqual([]);
    expect(r.skus[0]).toEqual({ code: 'A1', name: 'Apple', weightG: 200, location: 'B-2', barcodes: [{ barcode: '111111', units: 1 }, { barcode: '222222', units: 24 }] });
  });

  it('reads the sample SKU list shipped with the app', () => {
    const r = parseCatalogCsv({ name: 'sample.csv', bytes: sampleSkuCsv(['S1', 'S2', 'S3', 'S4', 'S5']) });
    expect(r.errors).toEqual([]);
    expect(r.skus.map((s) => s.code)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
    expect(r.skus[0]?.barcodes.some((b) => b.units === 12)).toBe(true);
  });

  it('names both rows when two SKUs claim one barcode, and returns nothing', () => {
    const text = '商家编码,条码\r\nA,690111\r\nB,690222\r\nC,690111\r\n';
    const r = parseCatalogCsv(file(text));
    expect(r.skus).toEqual([]);
    expect(r.errors).toEqual([{ file: 'skus.csv', row: 4, column: '条码', message: '条码 690111 同时属于第 2 行（A）和第 4 行（C）' }]);
  });

  it('reports each bad cell with row and column', () => {
    const text = [
      '商家编码,条码,箱规条码,箱规数量,重量(g)',
      ',111,,,',
      'A,6.90123E+12,,,',
      'B,222,333,,',
      'C,444,,12,',
      'D,555,,,heavy',
      'A,666,,,',
      'E,77 7*0,,,',
    ].join('\r\n');
    const r = parseCatalogCsv(file(text));
    expect(r.errors).toEqual([
      { file: 'skus.csv', row: 2, column: '商家编码', message: '商家编码为空' },
      { file: 'skus.csv', row: 3, column: '条码', message: expect.stringContaining('科学计数法') },
      { file: 'skus.csv', row: 4, column: '箱规数量', message: '填写了箱规条码，但没有箱规数量' },
      { file: 'skus.csv', row: 5, column: '箱规条码', message: '填写了箱规数量，但没有箱规条码' },
      { file: 'skus.csv', row: 6, column: '重量(g)', message: expect.stringContaining('heavy') },
      { file: 'skus.csv', row: 7, column: '商家编码', message: '商家编码 A 重复（第 3 行已有）' },
      { file: 'skus.csv', row: 8, column: '条码', message: '箱规数量无效: "7*0"' },
    ]);
  });

  it('names columns as the file spells them, English included', () => {
    const r = parseCatalogCsv(file('SKU,Barcode\r\nA,1 1\r\nB,\r\nC,\r\n,x\r\n'));
    expect(r.errors).toEqual([{ file: 'skus.csv', row: 5, column: 'SKU', message: '商家编码为空' }]);
  });

  it('requires a code column', () => {
    expect(() => parseCatalogCsv(file('名称,条码\r\na,1\r\n'))).toThrow(AppError);
  });
});

describe('parseWeightToGrams', () => {
  it.each([
    ['350', 350],
    ['350g', 350],
    ['350 克', 350],
    ['0.35kg', 350],
    ['0.35 KG', 350],
    ['1.2公斤', 1200],
    ['0.0005kg', 1],
    ['12.4', 12],
    ['12.5', 13],
  ])('%s → %i g', (text, g) => expect(parseWeightToGrams(text)).toBe(g));

  it.each(['', 'abc', '-1', '1,5kg', '3斤'])('rejects %j', (text) => expect(parseWeightToGrams(text)).toBeNull());
});
