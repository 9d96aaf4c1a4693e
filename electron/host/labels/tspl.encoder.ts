import iconv from 'iconv-lite';
import type { PrinterConfig } from '#shared/contract/devices.contract';
import { code128Placement, dotsPerMm, isAscii, isWide, printable, type InverseElement, type Layout, type LayoutElement, type TextElement } from './label-layout';
import { renderBitmap, renderImageBitmap, renderTextBitmap, type Bitmap } from './raster';

/**
 * TSPL/TSPL2 for TSC, Gprinter, Xprinter, HPRT, Deli and most Chinese waybill printers
 * (hardware.md §2.1). Text goes to the printer's fonts: built-in Latin fonts for ASCII and the
 * GB2312-level 24-dot TSS24.BF2 for Chinese, scaled by whole multipliers. A line the printer font
 * cannot print (a GBK-only name character such as 喆) is rasterised and sent as BITMAP, so the
 * common label never touches the rasteriser. The job is GB18030 with CRLF line ends.
 */

export type TsplOptions = {
  dpi: number;
  cjkMode: PrinterConfig['cjkMode'];
  /** Send the whole label as one BITMAP (printers with no usable fonts; also a test path). */
  raster?: boolean;
  gapMm?: number;
  density?: number;
  speed?: number;
};

type Part = string | Buffer;

export function encodeTspl(layout: Layout, options: TsplOptions): Buffer {
  const { dpi } = options;
  const parts: Part[] = [
    `SIZE ${num(layout.widthMm)} mm,${num(layout.heightMm)} mm`,
    `GAP ${num(options.gapMm ?? 2)} mm,0 mm`,
    'DIRECTION 1,0',
    'REFERENCE 0,0',
    `DENSITY ${options.density ?? 8}`,
    `SPEED ${options.speed ?? 4}`,
    'SET TEAR ON',
    'CLS',
  ];
  if (options.raster) {
    parts.push(...bitmapCommand(0, 0, renderBitmap(layout, dpi)));
  } else {
    for (const el of layout.elements) parts.push(...elementCommands(el, options));
  }
  parts.push('PRINT 1,1');
  return assemble(parts);
}

function elementCommands(el: LayoutElement, options: TsplOptions): Part[] {
  const { dpi } = options;
  const d = (mm: number) => Math.round(mm * dotsPerMm(dpi));
  switch (el.kind) {
    case 'text': {
      const cmds = textCommands(el.text, d(el.x), d(el.y), d(el.maxWidthMm), d(el.heightMm), el.bold === true, el.align, options);
      return cmds ?? bitmapElement(el, dpi);
    }
    case 'inverse': {
      const size = d(el.heightMm);
      const pad = Math.round(size * 0.15);
      const top = d(el.y) + Math.round((d(el.h) - size) / 2);
      const cmds = textCommands(el.text, d(el.x) + pad, top, d(el.w) - 2 * pad, size, true, el.align ?? 'center', options);
      // REVERSE inverts the block after the text is drawn: white text on black, all in printer fonts.
      return cmds ? [...cmds, `REVERSE ${d(el.x)},${d(el.y)},${d(el.w)},${d(el.h)}`] : bitmapElement(el, dpi);
    }
    case 'code128': {
      const p = code128Placement(el, dpi);
      return [`BARCODE ${p.x},${p.y},"128",${p.heightDots},${el.humanReadable ? 2 : 0},0,${p.narrow},${p.narrow},"${quote(el.data)}"`];
    }
    case 'qr':
      return [`QRCODE ${d(el.x)},${d(el.y)},M,${Math.max(1, d(el.cellMm))},A,0,"${quote(el.data)}"`];
    case 'box': {
      const t = Math.max(1, d(el.thickness));
      return [`BOX ${d(el.x)},${d(el.y)},${d(el.x) + d(el.w)},${d(el.y) + d(el.h)},${t}`];
    }
    case 'line':
      return [`BAR ${d(el.x)},${d(el.y)},${Math.max(1, d(el.w))},${Math.max(1, d(el.h))}`];
    case 'image': {
      const { x, y, bitmap } = renderImageBitmap(el, dpi);
      return bitmapCommand(x, y, bitmap);
    }
  }
}

// Built-in bitmap fonts "1"–"5" (cell width × height in dots); fonts 6–8 are OCR faces.
const LATIN_FONTS: ReadonlyArray<readonly [string, number, number]> = [
  ['1', 8, 12],
  ['2', 12, 20],
  ['3', 16, 24],
  ['4', 24, 32],
  ['5', 32, 48],
];
const CJK_FONT = 'TSS24.BF2';
const CJK_CELL = 24;

/** TEXT commands for one line, or null when the printer font cannot print it and it must be a bitmap. */
function textCommands(
  raw: string,
  x: number,
  y: number,
  maxW: number,
  size: number,
  bold: boolean,
  align: TextElement['align'],
  options: TsplOptions,
): string[] | null {
  const text = printable(raw);
  if (text.trim() === '') return [];
  const ascii = isAscii(text);
  if (!ascii && (options.cjkMode === 'bitmap' || !isGb2312(text))) return null;
  const fit = ascii ? fitLatin(text, size, maxW) : fitCjk(text, size, maxW);
  if (!fit) return null;
  const left = x + (align === 'center' ? Math.round((maxW - fit.w) / 2) : align === 'right' ? maxW - fit.w : 0);
  const top = y + Math.max(0, Math.round((size - fit.h) / 2));
  const cmd = (dx: number) => `TEXT ${left + dx},${top},"${fit.font}",0,${fit.mul},${fit.mul},"${quote(text)}"`;
  // The bitmap fonts have no bold face; a second pass one dot to the right is the usual emphasis.
  return bold ? [cmd(0), cmd(Math.max(1, Math.floor(fit.mul / 2)))] : [cmd(0)];
}

type Fit = { font: string; mul: number; w: number; h: number };

function fitLatin(text: string, size: number, maxW: number): Fit | null {
  let best: Fit | null = null;
  for (const [font, cw, ch] of LATIN_FONTS) {
    for (let mul = 1; mul <= 10; mul++) {
      const h = ch * mul;
      const w = cw * mul * text.length;
      if (h > size * 1.1 + 1 || w > maxW) break;
      if (!best || h > best.h || (h === best.h && w < best.w)) best = { font, mul, w, h };
    }
  }
  return best;
}

function fitCjk(text: string, size: number, maxW: number): Fit | null {
  let halves = 0;
  for (const ch of text) halves += isWide(ch) ? 2 : 1;
  // TSS24.BF2 is the smallest Chinese font every model has, so 24 dots is the floor.
  for (let mul = Math.max(1, Math.floor((size * 1.1 + 1) / CJK_CELL)); mul >= 1; mul--) {
    const w = (halves * CJK_CELL * mul) / 2;
    if (w <= maxW) return { font: CJK_FONT, mul, w, h: CJK_CELL * mul };
  }
  return null;
}

const gb2312Cache = new Map<string, boolean>();

/**
 * Whether every character is in GB2312, the coverage of the printers' Chinese fonts: two GB18030
 * bytes with a hanzi lead 0xB0–0xF7 or a symbol lead 0xA1–0xA9, and a trail 0xA1–0xFE.
 * (iconv-lite's 'gb2312' maps to GBK, so it cannot answer this.)
 */
export function isGb2312(text: string): boolean {
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    let ok = gb2312Cache.get(ch);
    if (ok === undefined) {
      const b = iconv.encode(ch, 'gb18030');
      const lead = b[0] ?? 0;
      const trail = b[1] ?? 0;
      ok = b.length === 2 && ((lead >= 0xb0 && lead <= 0xf7) || (lead >= 0xa1 && lead <= 0xa9)) && trail >= 0xa1 && trail <= 0xfe;
      gb2312Cache.set(ch, ok);
    }
    if (!ok) return false;
  }
  return true;
}

function bitmapElement(el: TextElement | InverseElement, dpi: number): Part[] {
  const { x, y, bitmap } = renderTextBitmap(el, dpi);
  return bitmapCommand(x, y, bitmap);
}

/** BITMAP x,y,widthBytes,height,mode,data — raw bytes where a 1 bit is WHITE (no dot). */
function bitmapCommand(x: number, y: number, bitmap: Bitmap): Part[] {
  const data = Buffer.allocUnsafe(bitmap.data.length);
  for (let i = 0; i < data.length; i++) data[i] = ~(bitmap.data[i] as number) & 0xff;
  return [`BITMAP ${x},${y},${bitmap.bytesPerRow},${bitmap.height},0,`, data];
}

/** TSPL escapes a double quote inside a string as \["]. */
function quote(s: string): string {
  return s.replace(/"/g, '\\["]');
}

function num(mm: number): string {
  return Number(mm.toFixed(2)).toString();
}

/** Text runs are GB18030 (ASCII unchanged); BITMAP payloads are raw bytes that must not be re-encoded. */
function assemble(parts: Part[]): Buffer {
  const out: Buffer[] = [];
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      // A BITMAP header ends in "," and its payload follows directly; every other command ends a line.
      text += part.endsWith(',') && part.startsWith('BITMAP ') ? part : `${part}\r\n`;
    } else {
      out.push(iconv.encode(text, 'gb18030'), part);
      text = '\r\n';
    }
  }
  out.push(iconv.encode(text, 'gb18030'));
  return Buffer.concat(out);
}
