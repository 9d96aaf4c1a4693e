import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { skuSchema } from '#shared/contract/catalog.contract';
import { rowErrorSchema } from '#shared/contract/common';
import { forbiddenChars } from '../../../test/fixtures/hostile-files';
import { sampleSkuCsv } from '../../../test/fixtures/write-sample-exports';
import { thrownAppError } from '../../../test/helpers/app-error';
import { parseWeightToGrams } from '#shared/domain/weight-text';
import { SAFETY_STOCK_MAX } from '#shared/ops/sku-saved.op';
import { parseCatalogCsv } from './catalog-csv.parser';

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
        image: '', safetyStock: null,
      },
      { code: 'CUP-1', name: '保温杯', weightG: 350, location: '', barcodes: [{ barcode: '6901234567854', units: 1 }], image: '', safetyStock: null },
      { code: 'BAG-1', name: '帆布包', weightG: null, location: '', barcodes: [{ barcode: '6901234567847', units: 6 }, { barcode: '6901234567830', units: 1 }], image: '', safetyStock: null },
    ]);
    for (const { image: _image, ...s } of r.skus) skuSchema.strict().parse({ ...s, onHand: 0, damaged: 0 });
  });

  it('reads English headers in any case and a UTF-8 BOM file', () => {
    const text = '\uFEFFSKU,Name,Barcode,Case_Barcode,Case Qty,Weight_g,Location\r\nA1,Apple,111111,222222,24,0.2kg,B-2\r\n';
    const r = parseCatalogCsv({ name: 'en.csv', bytes: Buffer.from(text, 'utf8') });
    expect(r.errors).toEqual([]);
    expect(r.skus[0]).toEqual({ code: 'A1', name: 'Apple', weightG: 200, location: 'B-2', barcodes: [{ barcode: '111111', units: 1 }, { barcode: '222222', units: 24 }], image: '', safetyStock: null });
  });

  it('names the columns it does not read (an opening stock is counted, not imported), and reads the rest', () => {
    const r = parseCatalogCsv(file('商家编码,名称,条码,库存,重量(g),成本\r\nTS-1,纯棉T恤,6901234567892,40,350,12.5\r\n'));
    expect(r.errors).toEqual([]);
    expect(r.skus[0]).toMatchObject({ code: 'TS-1', weightG: 350 });
    expect(r.unreadColumns).toEqual(['库存', '成本']);
  });

  it('reads 安全库存 under the spellings sellers’ ERPs export, an empty cell as none given; a bad value names its row and column', () => {
    for (const header of ['安全库存', '预警库存', '库存预警', 'Safety Stock']) {
      const r = parseCatalogCsv(file(`商家编码,${header},库存\r\nTS-1,20,40\r\nTS-2,,40\r\nTS-3,０,0\r\n`));
      expect(r.errors).toEqual([]);
      expect(r.skus.map((s) => [s.code, s.safetyStock])).toEqual([['TS-1', 20], ['TS-2', null], ['TS-3', 0]]);
      // On hand (库存) is still not read, though 库存预警 has the word in it.
      expect(r.unreadColumns).toEqual(['库存']);
    }
    const bad = parseCatalogCsv(file('商家编码,安全库存\r\nA,5\r\nB,-1\r\nC,2.5\r\nD,很多\r\nE,1000001\r\n'));
    expect(bad.skus).toEqual([]);
    // One line for the four bad rows, naming the first value and the others (row 2's 5 is fine).
    expect(bad.errors).toMatchObject([{ file: 'skus.csv', row: 3, column: '安全库存', repeats: { count: 4, rows: [3, 4, 5, 6] } }]);
    expect(bad.errors[0]!.msg).toMatchObject({ params: { problem: { key: 'catalog.import.safetyStock', params: { value: '-1', max: 1_000_000 } }, values: '“2.5”, “很多”, “1000001”' } });
  });

  it('generated 安全库存 cells: a whole number from 0 to the cap is read as it, empty keeps, anything else is an error on that row and column and nothing is imported', () => {
    const fullWidth = (t: string) => t.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    // Each cell with what a seller means by it: a number, 'keep' (null) or a mistake to be told of.
    const number = fc
      .record({ n: fc.oneof(fc.integer({ min: 0, max: SAFETY_STOCK_MAX }), fc.constantFrom(0, 1, SAFETY_STOCK_MAX)), zeros: fc.nat(3), wide: fc.boolean(), dotZero: fc.boolean(), unit: fc.constantFrom('', '件', ' 个'), pad: fc.constantFrom('', ' ', '\u3000') })
      .map(({ n, zeros, wide, dotZero, unit, pad }) => {
        const digits = `${'0'.repeat(zeros)}${n}${dotZero ? '.0' : ''}`;
        return { cell: `${pad}${wide ? fullWidth(digits) : digits}${unit}${pad}`, means: n as number | null | 'error' };
      });
    const empty = fc.constantFrom('', ' ', '  ', '\u3000').map((cell) => ({ cell, means: null }));
    const mistake = fc
      .oneof(
        fc.integer({ min: 1, max: SAFETY_STOCK_MAX }).map((n) => `-${n}`),
        fc.tuple(fc.nat(SAFETY_STOCK_MAX), fc.integer({ min: 1, max: 99 })).map(([n, d]) => `${n}.${d}`),
        fc.integer({ min: SAFETY_STOCK_MAX + 1, max: 10 ** 15 }).map(String),
        fc.integer({ min: 17, max: 60 }).map((k) => '9'.repeat(k)),
        fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 6 })).map(([a, b]) => `${a}e${b}`),
        fc.constantFrom('=1+1', '=SUM(A1:A2)', '+5', '@5', "'5", '1,000', '1 000', '5.', '.5', '0x10', 'NaN', 'Infinity', '很多', '五', '十个', 'N/A', '-', '－３'),
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }).filter((t) => /[^\d\s]/.test(t.trim()) && !/^\s*\d+(\.0+)?\s*$/.test(t)),
      )
      .map((cell) => ({ cell, means: 'error' as const }));
    fc.assert(
      fc.property(fc.constantFrom('安全库存', '预警库存', 'Safety Stock', 'low_stock'), fc.oneof(number, empty, mistake), (header, { cell, means }) => {
        const quoted = `"${cell.replace(/"/g, '""')}"`;
        const r = parseCatalogCsv(file(`商家编码,名称,${header}\r\nOK-1,杯,5\r\nT-2,碗,${quoted}\r\n`));
        if (means === 'error') {
          expect(r.skus).toEqual([]);
          expect(r.errors).toEqual([expect.objectContaining({ file: 'skus.csv', row: 3, column: header, msg: expect.objectContaining({ key: expect.stringMatching(/^(catalog\.import\.safetyStock|import\.cell\.tooLong)$/) }) })]);
        } else {
          expect(r.errors).toEqual([]);
          expect(r.skus.map((s) => [s.code, s.safetyStock])).toEqual([['OK-1', 5], ['T-2', means]]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads full-width digits in a barcode as the digits (an IME in full-width mode)', () => {
    const r = parseCatalogCsv(file('商家编码,条码\r\nTS-1,６９００００００００３８\r\n'));
    expect(r.errors).toEqual([]);
    expect(r.skus[0]?.barcodes).toEqual([{ barcode: '690000000038', units: 1 }]);
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
    expect(r.errors).toEqual([{ file: 'skus.csv', row: 4, column: '条码', msg: { key: 'catalog.import.barcodeTaken', params: { barcode: '690111', row: 2, code: 'A' } } }]);
  });

  it('refuses a barcode that is another SKU code in the file, before or after that row (a scan would mean two products)', () => {
    const r = parseCatalogCsv(file('商家编码,条码,箱规条码,箱规数量\r\nTEA-001,690111,,\r\nTEA-005,TEA-001,,\r\nTEA-006,690333,TEA-007,6\r\nTEA-007,690444,,\r\n'));
    expect(r.skus).toEqual([]);
    expect(r.errors).toEqual([
      { file: 'skus.csv', row: 3, column: '条码', msg: { key: 'catalog.import.barcodeIsCode', params: { barcode: 'TEA-001', row: 2 } } },
      { file: 'skus.csv', row: 5, column: '商家编码', msg: { key: 'catalog.import.codeIsBarcode', params: { code: 'TEA-007', row: 4, owner: 'TEA-006' } } },
    ]);
  });

  it('refuses a barcode that is a catalog SKU code, and a code that is a catalog SKU barcode', () => {
    const r = parseCatalogCsv(file('商家编码,条码\r\nTEA-005,SKU-0001\r\n2000000000015,690555\r\nSKU-0001,SKU-0001\r\n'), (b) => (b === '2000000000015' ? 'SKU-0001' : null), (c) => c === 'SKU-0001');
    expect(r.errors).toEqual([
      { file: 'skus.csv', row: 2, column: '条码', msg: { key: 'catalog.barcodeIsCode', params: { barcode: 'SKU-0001' } } },
      { file: 'skus.csv', row: 3, column: '商家编码', msg: { key: 'catalog.codeIsBarcode', params: { code: '2000000000015', owner: 'SKU-0001' } } },
    ]);
  });

  it('refuses a row whose barcodes, with those the SKU already has, pass one SKU\'s 50, naming the row', () => {
    const many = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `69${String(from + i).padStart(11, '0')}`);
    const r = parseCatalogCsv(file(`商家编码,条码\r\nA,${many(51).join('|')}\r\nB,${many(1, 100).join('|')}\r\nC,${many(3, 200).join('|')}\r\n`), () => null, () => false,
      (code) => (code === 'C' ? many(48, 300) : []));
    expect(r.skus).toEqual([]);
    // The same problem on two rows is one line naming both.
    expect(r.errors).toEqual([
      { file: 'skus.csv', row: 2, column: '条码', msg: { key: 'catalog.import.tooManyBarcodes', params: { count: 51, max: 50 } }, repeats: { count: 2, rows: [2, 4] } },
    ]);
  });

  it('says an Excel workbook is one (save it as CSV), not a broken GBK file', () => {
    for (const head of [[0x50, 0x4b, 0x03, 0x04], [0xd0, 0xcf, 0x11, 0xe0]]) {
      const r = parseCatalogCsv({ name: '商品.xlsx', bytes: Buffer.from([...head, 0, 1, 2, 0xff, 0xfe]) });
      expect(r.skus).toEqual([]);
      expect(r.errors).toEqual([expect.objectContaining({ file: '商品.xlsx', row: 1, msg: { key: 'catalog.import.excel', params: { file: '商品.xlsx' } } })]);
    }
  });

  it('quotes an overlong code shortened when a later row takes its barcode', () => {
    const long = 'X'.repeat(3000);
    const r = parseCatalogCsv(file(`商家编码,条码\r\n${long},690111\r\nB,690111\r\n`));
    const taken = r.errors.find((e) => e.msg.key === 'catalog.import.barcodeTaken');
    expect(taken?.row).toBe(3);
    expect(String(taken?.msg.params?.code)).toMatch(/^X+…$/);
    expect(String(taken?.msg.params?.code).length).toBeLessThan(100);
    expect(r.errors.every((e) => rowErrorSchema.safeParse(e).success)).toBe(true);
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
    const at = (row: number, column: string) => ({ file: 'skus.csv', row, column });
    expect(r.errors).toEqual([
      { ...at(2, '商家编码'), msg: { key: 'catalog.import.codeEmpty' } },
      { ...at(3, '条码'), msg: { key: 'catalog.import.barcodeScientific', params: { value: '6.90123E+12' } } },
      { ...at(4, '箱规数量'), msg: { key: 'catalog.import.caseQtyMissing' } },
      { ...at(5, '箱规条码'), msg: { key: 'catalog.import.caseBarcodeMissing' } },
      { ...at(6, '重量(g)'), msg: { key: 'catalog.import.weight', params: { value: 'heavy' } } },
      { ...at(7, '商家编码'), msg: { key: 'catalog.import.codeDuplicate', params: { code: 'A', row: 3 } } },
      { ...at(8, '条码'), msg: { key: 'catalog.import.caseUnitsBad', params: { value: '7*0' } } },
    ]);
  });

  it('names columns as the file spells them, English included', () => {
    const r = parseCatalogCsv(file('SKU,Barcode\r\nA,1 1\r\nB,\r\nC,\r\n,x\r\n'));
    expect(r.errors).toEqual([{ file: 'skus.csv', row: 5, column: 'SKU', msg: { key: 'catalog.import.codeEmpty' } }]);
  });

  it('requires a code column, naming it at the header row', () => {
    expect(parseCatalogCsv(file('名称,条码\r\na,1\r\n'))).toEqual({ skus: [], errors: [{ file: 'skus.csv', row: 1, column: '商家编码', msg: { key: 'import.file.columnMissing' } }], rowsRead: 0, unreadColumns: [] });
    expect(thrownAppError(() => parseCatalogCsv(file(''))).msg).toEqual({ key: 'import.file.empty', params: { file: 'skus.csv' } });
  });
});

describe('parseCatalogCsv on hostile files', () => {
  it.each(forbiddenChars)('refuses %s inside a 商家编码, naming row and column', (_name, char, named) => {
    const r = parseCatalogCsv({ name: 'skus.csv', bytes: Buffer.from(`商家编码,名称,条码\r\nA-1,杯子,6901234567892\r\nB${char}1,碗,6901234567885\r\n`, 'utf8') });
    expect(r.skus).toEqual([]);
    expect(r.errors).toEqual([{ file: 'skus.csv', row: 3, column: '商家编码', msg: { key: 'import.cell.control', params: { char: named } } }]);
  });

  it('refuses a tab or an invisible character inside a 商家编码, where two codes would look alike', () => {
    const r = parseCatalogCsv({ name: 'skus.csv', bytes: Buffer.from('商家编码\tname\r\n"A\t1"\tx\r\nA\u200B2\ty\r\n', 'utf8') });
    expect(r.skus).toEqual([]);
    expect(r.errors).toEqual([
      { file: 'skus.csv', row: 2, column: '商家编码', msg: { key: 'import.cell.control', params: { char: 'U+0009' } }, repeats: { count: 2, rows: [2, 3] } },
    ]);
  });

  it('refuses an overlong code and name with their lengths', () => {
    const r = parseCatalogCsv(file(`商家编码,名称\r\n${'A'.repeat(65)},杯子\r\nB,${'碗'.repeat(201)}\r\n`));
    expect(r.skus).toEqual([]);
    expect(r.errors).toEqual([
      { file: 'skus.csv', row: 2, column: '商家编码', msg: { key: 'import.cell.tooLong', params: { length: 65, max: 64 } } },
      { file: 'skus.csv', row: 3, column: '名称', msg: { key: 'import.cell.tooLong', params: { length: 201, max: 200 } } },
    ]);
  });

  it('says the cap itself, not one more, however far over a cell is (the apostrophe allowance is not the cap)', () => {
    const r = parseCatalogCsv(file(`商家编码,名称,安全库存,库位\r\n${'A'.repeat(66)},杯子,,\r\nB,${'碗'.repeat(230)},,\r\nC,碟,${'9'.repeat(17)},\r\nD,勺,,'${'-'.repeat(70)}\r\n`));
    expect(r.skus).toEqual([]);
    const maxes = r.errors.map((e) => [e.row, e.column, e.msg.params?.['max'], e.msg.params?.['length']]);
    expect(maxes).toEqual([
      [2, '商家编码', 64, 66],
      [3, '名称', 200, 230],
      [4, '安全库存', 16, 17],
      [5, '库位', 64, 70],
    ]);
  });

  it('names the row where a UTF-8 list stops being UTF-8, instead of a missing 商家编码 column', () => {
    const bytes = Buffer.concat([Buffer.from('商家编码,名称\r\nA-1,保温杯\r\nB-2,', 'utf8'), Buffer.from([0xe7, 0xa2]), Buffer.from('\r\n')]);
    const r = parseCatalogCsv({ name: 'skus.csv', bytes });
    expect(r).toEqual({ skus: [], errors: [{ file: 'skus.csv', row: 3, msg: { key: 'import.file.notDecodable', params: { encoding: 'UTF-8' } } }], rowsRead: 0, unreadColumns: [] });
  });

  it('names the first extra column of a row with an unquoted comma', () => {
    const r = parseCatalogCsv(file('商家编码,名称\r\nA-1,杯子,大号\r\n'));
    expect(r.errors).toEqual([{ file: 'skus.csv', row: 2, column: 'C', msg: { key: 'import.row.tooManyColumns', params: { expected: 2, actual: 3 } } }]);
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
