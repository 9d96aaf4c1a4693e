import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeBarcodes } from '../../../test/helpers/barcode-decode';
import { sampleWaybill } from '../../../test/helpers/label-fixtures';
import type { Layout } from './label-layout';
import { renderBitmap, renderPng, renderTextBitmap } from './raster';
import { buildWaybillLayout } from './waybill-layout';

describe('raster', () => {
  for (const size of ['100x150', '76x130', '100x180'] as const) {
    for (const dpi of [203, 300]) {
      it(`renders a ${size} waybill at ${dpi} dpi whose barcodes scan`, async () => {
        const png = renderPng(buildWaybillLayout(sampleWaybill({ privacy: true }), size), dpi);
        const decoded = await decodeBarcodes(png);
        expect(decoded).toEqual([
          { format: 'Code128', text: 'SF1234567890123' },
          { format: 'Code128', text: 'SF1234567890123' },
        ]);
      });
    }
  }

  it('writes a pure black/white PNG at the label size with its print resolution', () => {
    const png = renderPng(buildWaybillLayout(sampleWaybill(), '100x150'), 203);
    const image = PNG.sync.read(png);
    expect([image.width, image.height]).toEqual([800, 1200]);
    expect(png.readUInt8(24)).toBe(1); // IHDR bit depth: 1-bit
    const values = new Set<number>();
    for (let i = 0; i < image.data.length; i += 4) values.add(image.data[i] as number);
    expect([...values].sort()).toEqual([0, 255]);
    const phys = png.indexOf('pHYs');
    expect(png.readUInt32BE(phys + 4)).toBe(8000); // 8 dots/mm
  });

  it('draws bars in whole dots: every bar edge is a clean black/white step', () => {
    const layout: Layout = { widthMm: 70, heightMm: 20, elements: [{ kind: 'code128', x: 0, y: 2, widthMm: 70, heightMm: 10, moduleMm: 0.375, data: 'SF1234567890123', humanReadable: false }] };
    const bmp = renderBitmap(layout, 203);
    const row = (y: number) => Array.from({ length: bmp.width }, (_, x) => ((bmp.data[y * bmp.bytesPerRow + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1);
    const first = row(40);
    expect(row(60)).toEqual(first); // bars are vertical: every row of the symbol is identical
    const runs: number[] = [];
    let run = 1;
    for (let x = 1; x < first.length; x++) {
      if (first[x] === first[x - 1]) {
        run++;
      } else {
        runs.push(run);
        run = 1;
      }
    }
    const inner = runs.slice(1); // drop the leading quiet zone
    inner.pop();
    expect(inner.every((r) => r % 3 === 0)).toBe(true); // 3-dot modules, no anti-aliased fractions
  });

  it('renders a single line for the bitmap fallback, tight to its ink', () => {
    const { x, y, bitmap } = renderTextBitmap({ kind: 'text', x: 10, y: 20, heightMm: 4, maxWidthMm: 60, text: '王喆', bold: true, align: 'right' }, 203);
    expect(bitmap.height).toBe(32);
    expect(bitmap.width).toBeLessThanOrEqual(70);
    expect(x + bitmap.width).toBe(80 + 480); // right-aligned inside its 60 mm box
    expect(y).toBe(160);
    expect(bitmap.data.some((b) => b !== 0)).toBe(true);
  });
});
