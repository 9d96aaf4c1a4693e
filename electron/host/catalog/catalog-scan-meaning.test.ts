import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { rowErrorSchema } from '#shared/contract/common';
import { parseCatalogCsv } from './catalog-csv.parser';

/**
 * One scan must mean one product: whatever SKU list is imported beside whatever catalog, an
 * accepted list never gives a barcode to two SKUs, never makes a barcode another SKU's code (in the
 * file or the catalog), and never takes a code that is another catalog SKU's barcode. A refused list
 * saves nothing and names each row and column. Codes and barcodes are drawn from a few characters so
 * that they collide often.
 */
const token = fc.string({ unit: fc.constantFrom('A', 'B', '1', '2'), minLength: 1, maxLength: 2 });
const row = fc.record({ code: token, barcodes: fc.uniqueArray(token, { maxLength: 2 }), caseBarcode: fc.option(token, { nil: null }) });
const catalog = fc.record({ codes: fc.uniqueArray(token, { maxLength: 3 }), owned: fc.dictionary(token, token, { maxKeys: 3 }) });

describe('a SKU list against the catalog (generated)', () => {
  it('never lets one code or barcode mean two products', () => {
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), catalog, (rows, cat) => {
      const text = ['商家编码,条码,箱规条码,箱规数量', ...rows.map((r) => `${r.code},${r.barcodes.join('/')},${r.caseBarcode ?? ''},${r.caseBarcode ? 6 : ''}`)].join('\r\n');
      const owner = (b: string) => cat.owned[b] ?? null;
      const exists = (c: string) => cat.codes.includes(c) || Object.values(cat.owned).includes(c);
      const r = parseCatalogCsv({ name: 'skus.csv', bytes: iconv.encode(`${text}\r\n`, 'gbk') }, owner, exists);
      if (r.errors.length > 0) {
        expect(r.skus).toEqual([]);
        for (const e of r.errors) {
          expect(rowErrorSchema.safeParse(e).success).toBe(true);
          expect(e.row).toBeGreaterThanOrEqual(2);
        }
        return;
      }
      const codes = new Set(r.skus.map((s) => s.code));
      const holder = new Map<string, string>();
      for (const s of r.skus) {
        for (const { barcode } of s.barcodes) {
          expect(holder.get(barcode) ?? s.code).toBe(s.code);
          holder.set(barcode, s.code);
          if (barcode !== s.code) expect(codes.has(barcode) || exists(barcode)).toBe(false);
          expect(owner(barcode) ?? s.code).toBe(s.code);
        }
        expect(owner(s.code) ?? s.code).toBe(s.code);
      }
    }), { numRuns: 2000 });
  });
});
