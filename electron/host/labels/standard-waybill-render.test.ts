import { mkdirSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeBarcodes, findTsplBitmaps, tsplBitmapsToPng, zplToPng } from '../../../test/helpers/barcode-decode';
import { sampleWaybill } from '../../../test/helpers/label-fixtures';
import { readPdf } from '../../../test/helpers/poppler';
import { encodeLabel } from './label-formats';
import { renderPdf } from './pdf.renderer';
import { renderPng } from './raster';
import { standardWaybillLayout, standardWaybillSizes } from './standard-waybill-layout';
import { encodeTspl } from './tspl.encoder';
import { encodeZpl } from './zpl.encoder';

/**
 * The standard templates through every backend, read back the way the courier reads them: the
 * tracking number (twice: the main barcode and the counter's / the stub's) and the 集包地 code
 * decoded by ZXing, the 大头笔 found in the PDF's text.
 */
const EXPECTED = ['J210039', 'SF1234567890123', 'SF1234567890123'];
const read = async (png: Buffer) => (await decodeBarcodes(png)).map((d) => d.text).sort();
const gb = (s: string) => iconv.encode(s, 'gb18030');
const dims = { '76x130': [76, 130], '100x180': [100, 180] } as const;

describe('standard e-waybill templates through every backend', () => {
  for (const size of standardWaybillSizes) {
    const layout = standardWaybillLayout(sampleWaybill({ privacy: true }), size);
    const [w, h] = dims[size];

    for (const dpi of [203, 300] as const) {
      it(`PNG ${size} at ${dpi} dpi: the tracking number and the 集包地 barcode scan`, async () => {
        const png = renderPng(layout, dpi);
        const image = PNG.sync.read(png);
        expect([image.width, image.height]).toEqual([w, h].map((mm) => mm * (dpi === 203 ? 8 : 12)));
        expect(await read(png)).toEqual(EXPECTED);
        if (dpi === 203) {
          // The renders a person looks at (README, review): test-results/e2e-screens/waybill-<size>.png.
          mkdirSync('test-results/e2e-screens', { recursive: true });
          writeFileSync(`test-results/e2e-screens/waybill-${size}.png`, png);
        }
      });
    }

    it(`PDF ${size} (the export): one page at the label size that scans after pdftoppm, with the 大头笔 and numbers as text`, async () => {
      const { text, pages } = readPdf(await encodeLabel(layout, 'pdf', 203), 203);
      expect(pages).toHaveLength(1);
      const page = pages[0]!;
      expect(Math.abs(page.width - w * 8)).toBeLessThanOrEqual(2);
      expect(Math.abs(page.height - h * 8)).toBeLessThanOrEqual(2);
      expect(await read(PNG.sync.write(page))).toEqual(EXPECTED);
      for (const s of ['沪西', '342-081-00 052', 'SF1234567890123', '南京市内包', '已验视', '138****5678']) expect(text).toContain(s);
      expect(text).not.toContain('13812345678');
      // Printing skips the text layer (it costs a font subset per job): the same picture, no text.
      expect(readPdf(await renderPdf([layout], 203), 60).text.trim()).toBe('');
    });

    it(`TSPL ${size}: printer barcodes for the number and the 集包地, Chinese on the printer font, and a raster that scans`, async () => {
      const job = encodeTspl(layout, { dpi: 203, cjkMode: 'printer-font' });
      const lines = iconv.decode(job, 'gb18030').split('\r\n');
      expect(lines[0]).toBe(`SIZE ${w} mm,${h} mm`);
      const barcodes = lines.filter((l) => l.startsWith('BARCODE '));
      expect(barcodes.map((b) => /"([^"]+)"$/.exec(b)?.[1]).sort()).toEqual(EXPECTED);
      for (const b of barcodes) expect(b).toMatch(/^BARCODE \d+,\d+,"128",\d+,[02],0,(\d+),\1,"[A-Z0-9]+"$/);
      expect(job.includes(gb('"沪西"'))).toBe(true); // the 大头笔 on the printer's own font, white on black
      expect(lines.some((l) => l.startsWith('REVERSE '))).toBe(true);
      expect(job.includes(gb('已验视'))).toBe(true);
      expect(findTsplBitmaps(job)).toEqual([]);
      const raster = encodeTspl(layout, { dpi: 203, cjkMode: 'bitmap', raster: true });
      expect(await read(tsplBitmapsToPng(raster, 8))).toEqual(EXPECTED);
    });

    for (const dpi of [203, 300] as const) {
      it(`ZPL ${size} at ${dpi} dpi: ^BC for the number and the 集包地, rendered by zebrash and read back`, async () => {
        const dpmm = dpi === 203 ? 8 : 12;
        const zpl = encodeZpl(layout, { dpi, cjkMode: 'bitmap' });
        const text = zpl.toString('utf8');
        expect(text).toContain(`^PW${w * dpmm}\n^LL${h * dpmm}`);
        expect([...text.matchAll(/\^BCN,\d+,[YN],N,N,A\^FD([^^]+)\^FS/g)].map((m) => m[1]).sort()).toEqual(EXPECTED);
        expect([...text].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
        expect(await read(await zplToPng(zpl, w, h, dpmm))).toEqual(EXPECTED);
      });
    }
  }
});
