import { describe, expect, it } from 'vitest';
import { decodeBarcodes, zplToPng } from '../../../test/helpers/barcode-decode';
import { sampleWaybill } from '../../../test/helpers/label-fixtures';
import type { Layout } from './label-layout';
import { buildWaybillLayout } from './waybill-layout';
import { encodeZpl } from './zpl.encoder';

describe('encodeZpl', () => {
  const layout = buildWaybillLayout(sampleWaybill(), '100x150');
  const zpl = encodeZpl(layout, { dpi: 203, cjkMode: 'bitmap' }).toString('utf8');

  it('sizes the label in dots: ^PW800^LL1200 for 100×150 at 203 dpi', () => {
    expect(zpl.startsWith('^XA\n^CI28\n^PW800\n^LL1200\n^LH0,0\n')).toBe(true);
    expect(zpl.trimEnd().endsWith('^PQ1\n^XZ')).toBe(true);
    const at300 = encodeZpl(buildWaybillLayout(sampleWaybill(), '76x130'), { dpi: 300, cjkMode: 'bitmap' }).toString();
    expect(at300).toContain('^PW912\n^LL1560');
  });

  it('uses ^BC with ^BY for the tracking number, and font 0 for ASCII text', () => {
    expect(zpl).toMatch(/\^BY3,3,112\^BCN,112,N,N,N,A\^FDSF1234567890123\^FS/);
    expect(zpl).toMatch(/\^BY2,3,56\^BCN,56,Y,N,N,A\^FDSF1234567890123\^FS/);
    expect(zpl).toMatch(/\^A0N,\d+,\d+\^FB\d+,1,0,C,0\^FDSF1234567890123\^FS/);
  });

  it('rasterises Chinese as ^GFA by default (1 = black) and never sends it as text', () => {
    expect(zpl).toMatch(/\^GFA,(\d+),\1,\d+,[0-9A-F]+\^FS/);
    expect([...zpl].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    expect(zpl).not.toContain('^A@');
  });

  it("in 'printer-font' mode sends Chinese as ^FH-escaped UTF-8 to E:SIMSUN.TTF", () => {
    const font = encodeZpl(layout, { dpi: 203, cjkMode: 'printer-font' }).toString('utf8');
    expect(font).not.toContain('^GFA');
    expect(font).toContain('^A@N,');
    expect(font).toContain('E:SIMSUN.TTF');
    // 张三 = E5 BC A0 E4 B8 89 in UTF-8
    expect(font).toContain('^FH_^FD_E5_BC_A0_E4_B8_89');
    expect([...font].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
  });

  it('escapes ^, ~ and _ in field data so text cannot inject commands', () => {
    const hostile: Layout = { widthMm: 100, heightMm: 150, elements: [{ kind: 'text', x: 2, y: 2, heightMm: 3, maxWidthMm: 90, text: 'a^XZ~JR_b' }] };
    const out = encodeZpl(hostile, { dpi: 203, cjkMode: 'bitmap' }).toString();
    expect(out).toContain('^FH_^FDa_5EXZ_7EJR_5Fb^FS');
    expect(out.match(/\^XZ/g)).toHaveLength(1);
  });

  it('renders with zebrash and the tracking number reads back from both barcodes', async () => {
    for (const size of ['100x150', '76x130'] as const) {
      const l = buildWaybillLayout(sampleWaybill(), size);
      const png = await zplToPng(encodeZpl(l, { dpi: 203, cjkMode: 'bitmap' }), l.widthMm, l.heightMm, 8);
      const decoded = await decodeBarcodes(png);
      expect(decoded).toEqual([
        { format: 'Code128', text: 'SF1234567890123' },
        { format: 'Code128', text: 'SF1234567890123' },
      ]);
    }
  });

  it('reads back at 300 dpi too', async () => {
    const l = buildWaybillLayout(sampleWaybill({ trackingNo: 'YT7412345678901' }), '100x180');
    const png = await zplToPng(encodeZpl(l, { dpi: 300, cjkMode: 'bitmap' }), l.widthMm, l.heightMm, 12);
    expect((await decodeBarcodes(png)).map((d) => d.text)).toEqual(['YT7412345678901', 'YT7412345678901']);
  });

  it('sends a whole-label ^GFA raster that scans', async () => {
    const png = await zplToPng(encodeZpl(layout, { dpi: 203, cjkMode: 'bitmap', raster: true }), 100, 150, 8);
    expect((await decodeBarcodes(png)).map((d) => d.text)).toEqual(['SF1234567890123', 'SF1234567890123']);
  });
});
