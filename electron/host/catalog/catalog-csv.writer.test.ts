import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseCatalogCsv } from './catalog-csv.parser';
import { notReadBack, toCatalogCsv, type ExportSku } from './catalog-csv.writer';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const readBack = (bytes: Buffer, catalog: readonly ExportSku[] = []) => {
  // Imported at the station it came from: every barcode already belongs to its SKU there.
  const owner = new Map(catalog.flatMap((s) => s.barcodes.map((b) => [b.barcode, s.code] as const)));
  const codes = new Set(catalog.map((s) => s.code));
  return parseCatalogCsv({ name: '商品资料.csv', bytes }, (b) => owner.get(b) ?? null, (c) => codes.has(c));
};
/** A SKU as the import gives it back, to compare with what was exported (stock is not read). */
const asImported = ({ onHand: _onHand, ...s }: ExportSku) => ({ ...s, image: '', barcodes: [...s.barcodes].sort((a, b) => a.barcode.localeCompare(b.barcode)) });
const sorted = (r: ReturnType<typeof parseCatalogCsv>) => r.skus.map((s) => ({ ...s, barcodes: [...s.barcodes].sort((a, b) => a.barcode.localeCompare(b.barcode)) }));

const tea: ExportSku = {
  code: 'TEA-01', name: '龙井 250g', weightG: 260, location: 'A-01-1', safetyStock: 10, onHand: 40,
  barcodes: [{ barcode: '6901234567892', units: 1 }, { barcode: '6901234567885', units: 1 }, { barcode: '16901234567899', units: 12 }],
};

describe('toCatalogCsv', () => {
  it('writes UTF-8 with a BOM and CRLF, the import’s own headers, 安全库存 (empty with none), 库存 last, case packs in 箱规条码', () => {
    const bytes = toCatalogCsv([tea, { code: 'CUP-1', name: '', weightG: null, location: '', barcodes: [], safetyStock: null, onHand: -2 }]);
    expect(bytes.subarray(0, 3).equals(BOM)).toBe(true);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      '商家编码,名称,条码,箱规条码,箱规数量,重量(g),库位,安全库存,库存\r\n' +
        'TEA-01,龙井 250g,6901234567892|6901234567885,16901234567899,12,260,A-01-1,10,40\r\n' +
        // A negative count stays a number the accountant can add up.
        'CUP-1,,,,,,,,-2\r\n',
    );
  });

  it('writes case packs of several sizes as barcode*N in 条码, which the import reads', () => {
    const sku: ExportSku = { ...tea, barcodes: [{ barcode: '111111', units: 1 }, { barcode: '222222', units: 6 }, { barcode: '333333', units: 24 }] };
    const text = toCatalogCsv([sku]).subarray(3).toString('utf8');
    expect(text.split('\r\n')[1]).toBe('TEA-01,龙井 250g,111111|222222*6|333333*24,,,260,A-01-1,10,40');
    expect(sorted(readBack(toCatalogCsv([sku])))).toEqual([asImported(sku)]);
  });

  it('neutralises cells a spreadsheet would run, and the import reads them back as they were', () => {
    const sku: ExportSku = { code: '-A1', name: '=HYPERLINK("http://x","点我")', weightG: 5, location: '+B-2', barcodes: [{ barcode: '@123', units: 1 }], safetyStock: 0, onHand: 0 };
    const bytes = toCatalogCsv([sku]);
    const cells = (parse(bytes.subarray(3).toString('utf8')) as string[][])[1]!;
    expect(cells.slice(0, 3)).toEqual(["'-A1", `'=HYPERLINK("http://x","点我")`, "'@123"]);
    expect(cells.slice(6, 7)).toEqual(["'+B-2"]);
    for (const c of cells) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    expect(sorted(readBack(bytes))).toEqual([asImported(sku)]);
    expect(notReadBack([sku], bytes)).toEqual([]);
  });

  it('reads back a name and code as long as the import takes, though the apostrophe makes the cell one longer', () => {
    const sku: ExportSku = { code: `-${'C'.repeat(63)}`, name: `=${'名'.repeat(199)}`, weightG: null, location: `@${'L'.repeat(63)}`, barcodes: [], safetyStock: 1_000_000, onHand: 1 };
    const back = readBack(toCatalogCsv([sku]));
    expect(back.errors).toEqual([]);
    expect(sorted(back)).toEqual([asImported(sku)]);
  });

  it('names the SKUs the import would read otherwise (what the editor or a bench took but the import does not)', () => {
    const skus: ExportSku[] = [
      tea,
      { ...tea, code: 'SPACE', barcodes: [{ barcode: 'AB 12', units: 1 }] },
      { ...tea, code: 'PADDED', name: ' 前面有空格', barcodes: [] },
      { ...tea, code: 'WRAPPED', barcodes: [{ barcode: '="99"', units: 1 }] },
    ];
    expect(notReadBack(skus, toCatalogCsv(skus))).toEqual(['SPACE', 'PADDED', 'WRAPPED']);
  });
});

/** Characters the import must carry through: formula triggers, CSV quoting, apostrophes, Chinese, full-width. */
const textUnit = fc.constantFrom('=', '+', '-', '@', "'", '"', ',', ';', '|', ' ', 'a', 'Z', '7', '中', '文', '（', '１', '*', '×', '/', '#');
/** Text the import keeps as it is: it trims a name and a location. */
const text = (max: number) => fc.string({ unit: textUnit, maxLength: max }).filter((s) => s === s.trim());
/** A code as the import keeps it: trimmed, and no `"` at the end unless a trigger starts it (then it is neutralised and taken whole). */
const code = fc
  .string({ unit: textUnit, minLength: 1, maxLength: 64 })
  .filter((s) => s.trim() === s && s !== '' && (!s.endsWith('"') || /^'*[=+\-@]/.test(s)));
/**
 * A barcode within the import's limits: printable ASCII without spaces, separators or "*", and
 * none of the spellings it unwraps (`="…"`, a leading apostrophe) or refuses (scientific notation).
 */
const barcode = fc
  .string({ unit: fc.constantFrom('0', '1', '6', '9', 'A', 'x', '-', '+', '@', '=', '#', '.', '/', '_', "'", '"'), minLength: 1, maxLength: 128 })
  .filter((s) => !/^[='"]/.test(s) && !s.endsWith('"') && !/^\d+(?:\.\d+)?E\+?\d+$/i.test(s));
const units = fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 10_000 }) });

const catalog = fc
  .uniqueArray(
    fc.record({
      code,
      name: text(200),
      weightG: fc.option(fc.integer({ min: 0, max: 9_999_999 }), { nil: null }),
      location: text(64),
      barcodes: fc.uniqueArray(fc.record({ barcode, units }), { maxLength: 8, selector: (b) => b.barcode }),
      safetyStock: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
      onHand: fc.integer({ min: -1000, max: 1_000_000 }),
    }),
    { minLength: 1, maxLength: 8, selector: (s) => s.code },
  )
  // One barcode belongs to one SKU, and no barcode is another SKU's code: the catalog's own rules.
  .filter((skus) => {
    const barcodes = skus.flatMap((s) => s.barcodes.map((b) => b.barcode));
    const codes = new Set(skus.map((s) => s.code));
    return new Set(barcodes).size === barcodes.length && skus.every((s) => s.barcodes.every((b) => b.barcode === s.code || !codes.has(b.barcode)));
  });

describe('export → import (property)', () => {
  it('reads back the same catalog, cell for cell, at the station it came from and at a new one', () => {
    fc.assert(
      fc.property(catalog, (skus) => {
        const bytes = toCatalogCsv(skus);
        expect(bytes.subarray(0, 3).equals(BOM)).toBe(true);
        for (const at of [skus, []]) {
          const back = readBack(bytes, at);
          expect(back.errors).toEqual([]);
          expect(back.unreadColumns).toEqual(['库存']);
          expect(sorted(back)).toEqual(skus.map(asImported));
        }
        expect(notReadBack(skus, bytes)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
