import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBarcodes, findTsplBitmaps, tsplBitmapsToPng } from '../../../test/helpers/barcode-decode';
import { sampleWaybill } from '../../../test/helpers/label-fixtures';
import type { Layout } from './label-layout';
import { encodeTspl, isGb2312 } from './tspl.encoder';
import { buildWaybillLayout } from './waybill-layout';

const gb = (s: string) => iconv.encode(s, 'gb18030');
const commands = (job: Buffer) => iconv.decode(job, 'gb18030').split('\r\n');

describe('encodeTspl', () => {
  const layout = buildWaybillLayout(sampleWaybill(), '100x150');
  const job = encodeTspl(layout, { dpi: 203, cjkMode: 'printer-font' });

  it('frames the job for a 100×150 label with CRLF line ends', () => {
    const lines = commands(job);
    expect(lines.slice(0, 8)).toEqual(['SIZE 100 mm,150 mm', 'GAP 2 mm,0 mm', 'DIRECTION 1,0', 'REFERENCE 0,0', 'DENSITY 8', 'SPEED 4', 'SET TEAR ON', 'CLS']);
    expect(job.toString('latin1').endsWith('PRINT 1,1\r\n')).toBe(true);
    expect(job.toString('latin1').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('sends Chinese as GB18030 to the TSS24.BF2 printer font', () => {
    expect(gb('张三').toString('hex')).toBe('d5c5c8fd');
    expect(job.includes(Buffer.from('d5c5c8fd', 'hex'))).toBe(true);
    expect(job.includes(gb('"TSS24.BF2",0,2,2,"张三'))).toBe(true);
    expect(job.includes(gb('南京市内包 J210039'))).toBe(true);
    expect(job.includes(Buffer.from('BITMAP'))).toBe(false); // the common label is all printer fonts
  });

  it('draws the tracking number as a Code128 barcode with whole-dot modules', () => {
    const barcodes = commands(job).filter((l) => l.startsWith('BARCODE '));
    expect(barcodes).toHaveLength(2);
    for (const b of barcodes) expect(b).toMatch(/^BARCODE \d+,\d+,"128",\d+,[02],0,(\d+),\1,"SF1234567890123"$/);
    expect(barcodes[0]).toContain(',0,0,3,3,'); // main: 3 dots = 0.375 mm, no printer HRI (we print it bigger)
  });

  it('uses built-in Latin fonts for ASCII-only text and rules/boxes for the frame', () => {
    const lines = commands(job);
    expect(lines).toContain('TEXT 580,20,"2",0,1,1,"2024-05-01 14:03"');
    expect(lines.some((l) => /^BOX 8,8,792,1192,2$/.test(l))).toBe(true);
    expect(lines.some((l) => /^BAR 8,\d+,784,2$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('REVERSE '))).toBe(true); // white-on-black routing code and 收/寄 markers
  });

  it('rasterises only the line with a character outside GB2312 (喆), as BITMAP', () => {
    expect(isGb2312('张三 138')).toBe(true);
    expect(isGb2312('王喆')).toBe(false);
    expect(isGb2312('𠮷')).toBe(false);
    const rare = encodeTspl(buildWaybillLayout(sampleWaybill({ recipient: { ...sampleWaybill().recipient, name: '王喆' } }), '100x150'), { dpi: 203, cjkMode: 'printer-font' });
    const bitmaps = findTsplBitmaps(rare);
    expect(bitmaps).toHaveLength(1);
    expect(rare.includes(gb('王喆'))).toBe(false);
    expect(rare.includes(gb('南京市内包'))).toBe(true); // other lines stay on the printer font
    // The bitmap has ink (1 = white in TSPL, so some bytes are not 0xff) and sits in the recipient block.
    const b = bitmaps[0]!;
    const payload = rare.subarray(b.offset, b.offset + b.widthBytes * b.height);
    expect(payload.some((byte) => byte !== 0xff)).toBe(true);
    expect(payload.filter((byte) => byte === 0xff).length).toBeGreaterThan(payload.length / 4); // paper between strokes
    expect(rare.subarray(b.offset + payload.length, b.offset + payload.length + 2).toString('latin1')).toBe('\r\n');
  });

  it("in 'bitmap' mode rasterises every Chinese line and keeps ASCII on printer fonts", () => {
    const bitmapJob = encodeTspl(layout, { dpi: 203, cjkMode: 'bitmap' });
    expect(bitmapJob.includes(gb('TSS24.BF2'))).toBe(false);
    expect(findTsplBitmaps(bitmapJob).length).toBeGreaterThan(5);
    expect(bitmapJob.includes(Buffer.from('"SF1234567890123"'))).toBe(true);
  });

  it('escapes double quotes inside TEXT strings as \\["]', () => {
    const quoted: Layout = { widthMm: 76, heightMm: 130, elements: [{ kind: 'text', x: 2, y: 2, heightMm: 3, maxWidthMm: 70, text: 'say "hi" 你好' }] };
    expect(commands(encodeTspl(quoted, { dpi: 203, cjkMode: 'printer-font' }))).toContain('TEXT 16,16,"TSS24.BF2",0,1,1,"say \\["]hi\\["] 你好"');
  });

  it('scales to 300 dpi printers', () => {
    const job300 = commands(encodeTspl(buildWaybillLayout(sampleWaybill(), '76x130'), { dpi: 300, cjkMode: 'printer-font' }));
    expect(job300[0]).toBe('SIZE 76 mm,130 mm');
    expect(job300).toContain('BOX 12,12,900,1548,3');
  });

  it('sends a whole-label raster whose barcodes still scan (1 = white polarity)', async () => {
    for (const size of ['100x150', '76x130'] as const) {
      const raster = encodeTspl(buildWaybillLayout(sampleWaybill(), size), { dpi: 203, cjkMode: 'bitmap', raster: true });
      const [page] = findTsplBitmaps(raster);
      expect(page).toMatchObject({ x: 0, y: 0, widthBytes: size === '100x150' ? 100 : 76, height: size === '100x150' ? 1200 : 1040 });
      const decoded = await decodeBarcodes(tsplBitmapsToPng(raster, 8));
      expect(decoded.map((d) => d.text)).toEqual(['SF1234567890123', 'SF1234567890123']);
    }
  });
});
