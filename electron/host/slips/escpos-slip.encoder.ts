import { createCanvas } from '@napi-rs/canvas';
import iconv from 'iconv-lite';
import ThermalPrinter from 'node-thermal-printer';
import { ensureFonts, fontOf, withoutTofu } from '../labels/label-fonts';
import { printable } from '../labels/label-layout';
import { isGbk } from '../labels/zpl.encoder';

/**
 * The packing slip (发货单) as ESC/POS bytes for 58/80 mm receipt printers, built with
 * node-thermal-printer's Epson command set. Chinese goes one of two ways (a setting):
 *  - raster (the default): each text row is drawn here with the bundled fonts and sent as
 *    `GS v 0`, so a printer with no Chinese font (or only GB2312) prints every name, 𠮷 and 😀 too;
 *  - gb18030: the printer's own Chinese font in Chinese mode (`FS &`), GB18030 bytes; a row with a
 *    character beyond GBK (which no printer font has) still goes as a raster row.
 * The order id is printed as a QR code or a Code128 barcode by the printer itself, so it scans at
 * the bench like a pick slip.
 */

/** A row of text, or a `rule` across the paper's whole width (a fixed run of dashes covered half of 80 mm paper). */
export type SlipRow = { text: string; bold?: boolean; big?: boolean; align?: 'left' | 'center' | 'right'; rule?: boolean };
export type SlipOptions = { paperMm: 58 | 80; chinese: 'raster' | 'gb18030'; code: 'qr' | 'code128' | 'none' };
/** What the slip prints, already laid out as rows (see packing-slip.ts), and the order id for its code. */
export type SlipContent = { rows: SlipRow[]; code: string };

/** Printable dots of the common heads at 203 dpi: 48 mm of 58 mm paper, 72 mm of 80 mm. */
export const PAPER_DOTS = { 58: 384, 80: 576 } as const;
/** Font A is 12×24 dots: half-width columns per line. */
const COLUMNS = { 58: 32, 80: 48 } as const;
const ROW_PX = 24;
// Some printers cap one GS v 0 image at 256–2048 rows; bands of 240 stay under every limit we know.
const BAND_ROWS = 240;

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
export const ESC_INIT = Buffer.from([ESC, 0x40]);
export const CHINESE_MODE_ON = Buffer.from([FS, 0x26]);
export const CHINESE_MODE_OFF = Buffer.from([FS, 0x2e]);

export async function encodeSlip(content: SlipContent, options: SlipOptions): Promise<Buffer> {
  // No `interface`: the library only builds the bytes; our TCP 9100 / device transports send them.
  const printer = new ThermalPrinter.printer({ type: ThermalPrinter.types.EPSON, interface: '', width: COLUMNS[options.paperMm], removeSpecialCharacters: false });
  printer.add(ESC_INIT);
  const rows = content.rows.map((r) => ({ ...r, text: r.rule ? '-'.repeat(COLUMNS[options.paperMm]) : printable(r.text) }));
  if (options.chinese === 'gb18030') {
    printer.add(CHINESE_MODE_ON);
    for (const row of rows) {
      if (isGbk(row.text)) addTextRow(printer, row, options.paperMm);
      else await addRaster(printer, [row], options.paperMm);
    }
    printer.add(CHINESE_MODE_OFF);
  } else {
    await addRaster(printer, rows, options.paperMm);
  }
  addCode(printer, content.code, options);
  printer.add(Buffer.from([ESC, 0x64, 4])); // feed 4 lines past the cutter
  printer.cut({ verticalTabAmount: 0 });
  return printer.getBuffer();
}

/** One row in the printer's font: alignment, emphasis and double size, then GB18030 and LF, wrapped by columns. */
function addTextRow(printer: ThermalPrinter.printer, row: SlipRow, paper: 58 | 80): void {
  const scale = row.big ? 2 : 1;
  printer.add(Buffer.from([ESC, 0x61, row.align === 'center' ? 1 : row.align === 'right' ? 2 : 0]));
  printer.add(Buffer.from([ESC, 0x45, row.bold ? 1 : 0]));
  printer.add(Buffer.from([GS, 0x21, row.big ? 0x11 : 0x00]));
  // FS ! sets Chinese-character print modes; double width/height there too for big rows.
  printer.add(Buffer.from([FS, 0x21, row.big ? 0x0c : 0x00]));
  for (const line of wrapColumns(row.text, Math.floor(COLUMNS[paper] / scale))) {
    printer.add(Buffer.concat([iconv.encode(line, 'gb18030'), Buffer.from([0x0a])]));
  }
  printer.add(Buffer.from([GS, 0x21, 0, FS, 0x21, 0, ESC, 0x45, 0, ESC, 0x61, 0]));
}

/** Half-width columns: CJK and other wide characters take two, as on the printer. */
function wrapColumns(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const ch of text) {
    const w = (ch.codePointAt(0) ?? 0) > 0x7f ? 2 : 1;
    if (used + w > columns && line) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += ch;
    used += w;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** Rows drawn with the bundled font chain (no tofu), wrapped by measured width, sent as GS v 0 bands. */
async function addRaster(printer: ThermalPrinter.printer, rows: SlipRow[], paper: 58 | 80): Promise<void> {
  for (const band of rasterBands(rows, PAPER_DOTS[paper])) {
    printer.add(Buffer.from([ESC, 0x61, 0])); // the image carries its own alignment
    await printer.printImageBuffer(band);
  }
}

type DrawnLine = { text: string; size: number; bold: boolean; align: SlipRow['align']; rule?: boolean };

/** The rows as PNG bands at the paper's width (exported for the reference render in tests). */
export function rasterBands(rows: SlipRow[], width: number): Buffer[] {
  ensureFonts();
  const measure = createCanvas(1, 1).getContext('2d');
  const lines: DrawnLine[] = [];
  for (const row of rows) {
    const size = row.big ? ROW_PX * 2 : ROW_PX;
    if (row.rule) {
      lines.push({ text: '', size, bold: false, align: 'left', rule: true });
      continue;
    }
    measure.font = fontOf(row.bold === true, size);
    for (const text of wrapMeasured(withoutTofu(row.text), width, (s) => measure.measureText(s).width)) {
      lines.push({ text, size, bold: row.bold === true, align: row.align });
    }
  }
  const bands: Buffer[] = [];
  let start = 0;
  while (start < lines.length) {
    let height = 0;
    let end = start;
    while (end < lines.length && (end === start || height + lineHeight(lines[end] as DrawnLine) <= BAND_ROWS)) {
      height += lineHeight(lines[end] as DrawnLine);
      end++;
    }
    bands.push(drawBand(lines.slice(start, end), width, height));
    start = end;
  }
  return bands;
}

const lineHeight = (line: DrawnLine) => Math.round(line.size * 1.25);

function drawBand(lines: DrawnLine[], width: number, height: number): Buffer {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'alphabetic';
  let y = 0;
  for (const line of lines) {
    if (line.rule) {
      // Dashes of 8 dots every 12, 2 dots thick, across the printable width.
      for (let x = 0; x < width; x += 12) ctx.fillRect(x, y + Math.round(line.size / 2), 8, 2);
      y += lineHeight(line);
      continue;
    }
    ctx.font = fontOf(line.bold, line.size);
    const w = ctx.measureText(line.text).width;
    const x = line.align === 'center' ? (width - w) / 2 : line.align === 'right' ? width - w : 0;
    ctx.fillText(line.text, Math.max(0, Math.round(x)), y + Math.round(line.size * 0.98));
    y += lineHeight(line);
  }
  return canvas.toBuffer('image/png');
}

/** Greedy wrap by rendered width, grapheme by grapheme (an emoji sequence is never split). */
function wrapMeasured(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const { segment } of new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(text)) {
    if (line && measure(line + segment) > width) {
      lines.push(line);
      line = segment.trimStart();
    } else {
      line += segment;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** The order id as a printer-drawn code; ids that are not short printable ASCII get no code. */
function addCode(printer: ThermalPrinter.printer, code: string, options: SlipOptions): void {
  if (options.code === 'none' || !/^[\x21-\x7e]{1,64}$/.test(code)) return;
  printer.add(Buffer.from([ESC, 0x61, 1]));
  if (options.code === 'qr') {
    printer.printQR(code, { model: 2, cellSize: options.paperMm === 58 ? 5 : 6, correction: 'M' });
  } else {
    // Module width 2 dots keeps a 19-digit Taobao id inside 48 mm; HRI below the bars.
    // The Epson implementation takes module width and HRI position; its typings lag behind.
    const settings = { width: 2, height: 80, hriPos: 2, hriFont: 0 } as unknown as Parameters<ThermalPrinter.printer['code128']>[1];
    printer.code128(code, settings);
  }
  printer.add(Buffer.from([0x0a, ESC, 0x61, 0]));
}
