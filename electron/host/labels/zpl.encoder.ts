import iconv from 'iconv-lite';
import type { PrinterConfig } from '#shared/contract/devices.contract';
import { code128Placement, dotsPerMm, isAscii, isWide, printable, type InverseElement, type Layout, type LayoutElement, type TextElement } from './label-layout';
import { renderBitmap, renderImageBitmap, renderTextBitmap, type Bitmap } from './raster';

/**
 * ZPL II for Zebra and ZPL-emulating printers (hardware.md §2.2). ASCII text uses the resident
 * scalable font 0; Chinese is rasterised to ^GFA because few ZPL printers carry a CJK font. With
 * cjkMode 'printer-font' the station says its printer has E:SIMSUN.TTF, and Chinese is sent as
 * UTF-8 (^CI28) hex-escaped with ^FH so no byte of it can be read as a command prefix.
 */

export type ZplOptions = {
  dpi: number;
  cjkMode: PrinterConfig['cjkMode'];
  /** Send the whole label as one ^GFA graphic. */
  raster?: boolean;
  /** Printer font used for Chinese in 'printer-font' mode. */
  cjkFont?: string;
};

export function encodeZpl(layout: Layout, options: ZplOptions): Buffer {
  const d = (mm: number) => Math.round(mm * dotsPerMm(options.dpi));
  const out: string[] = ['^XA', '^CI28', `^PW${d(layout.widthMm)}`, `^LL${d(layout.heightMm)}`, '^LH0,0'];
  if (options.raster) {
    out.push(graphic(0, 0, renderBitmap(layout, options.dpi)));
  } else {
    for (const el of layout.elements) out.push(...elementCommands(el, options).filter((c) => c !== ''));
  }
  out.push('^PQ1', '^XZ');
  return Buffer.from(`${out.join('\n')}\n`, 'utf8');
}

function elementCommands(el: LayoutElement, options: ZplOptions): string[] {
  const d = (mm: number) => Math.round(mm * dotsPerMm(options.dpi));
  switch (el.kind) {
    case 'text': {
      const cmd = textField(el.text, d(el.x), d(el.y), d(el.maxWidthMm), d(el.heightMm), el.align, false, options);
      if (cmd === null) return [bitmapElement(el, options.dpi)];
      // Font 0 has no bold face: a second pass a dot to the right is the usual emphasis.
      return el.bold === true ? [cmd, textField(el.text, d(el.x) + 1, d(el.y), d(el.maxWidthMm), d(el.heightMm), el.align, false, options) ?? ''] : [cmd];
    }
    case 'inverse': {
      const size = d(el.heightMm);
      const pad = Math.round(size * 0.15);
      const top = d(el.y) + Math.round((d(el.h) - size) / 2);
      const cmd = textField(el.text, d(el.x) + pad, top, d(el.w) - 2 * pad, size, el.align ?? 'center', true, options);
      if (cmd === null) return [bitmapElement(el, options.dpi)];
      const h = d(el.h);
      // A solid ^GB, then the text with ^FR (field reverse) so it prints white on the block.
      return [`^FO${d(el.x)},${d(el.y)}^GB${d(el.w)},${h},${Math.min(h, d(el.w))}^FS`, cmd];
    }
    case 'code128': {
      const p = code128Placement(el, options.dpi);
      const data = fieldData(el.data, false);
      return [`^FO${p.x},${p.y}^BY${p.narrow},3,${p.heightDots}^BCN,${p.heightDots},${el.humanReadable ? 'Y' : 'N'},N,N,A${data}^FS`];
    }
    case 'qr':
      return [`^FO${d(el.x)},${d(el.y)}^BQN,2,${Math.max(1, d(el.cellMm))}${fieldData(`MA,${el.data}`, false)}^FS`];
    case 'box': {
      const t = Math.max(1, d(el.thickness));
      return [`^FO${d(el.x)},${d(el.y)}^GB${Math.max(t, d(el.w))},${Math.max(t, d(el.h))},${t}^FS`];
    }
    case 'line': {
      const w = Math.max(1, d(el.w));
      const h = Math.max(1, d(el.h));
      return [`^FO${d(el.x)},${d(el.y)}^GB${w},${h},${Math.min(w, h)}^FS`];
    }
    case 'image': {
      const { x, y, bitmap } = renderImageBitmap(el, options.dpi);
      return [graphic(x, y, bitmap)];
    }
  }
}

/** One text field, or null when the text must be rasterised (Chinese without a printer font). */
function textField(
  raw: string,
  x: number,
  y: number,
  maxW: number,
  size: number,
  align: TextElement['align'],
  reverse: boolean,
  options: ZplOptions,
): string | null {
  const text = printable(raw);
  if (text.trim() === '') return '';
  const ascii = isAscii(text);
  // A printer's SimSun covers GBK: a character beyond it (CJK Ext B such as 𠮷, emoji) would print
  // as the printer's box, so such a line is drawn here from the bundled fonts instead.
  if (!ascii && (options.cjkMode !== 'printer-font' || !isGbk(text))) return null;
  // Average advance as a share of the font width: ~0.6 for font 0's Latin, 1 em for CJK glyphs.
  let ems = 0;
  for (const ch of text) ems += isWide(ch) ? 1 : ascii ? 0.6 : 0.5;
  const w = Math.max(Math.round(size * 0.4), Math.min(size, Math.floor(maxW / Math.max(ems, 0.1))));
  const font = ascii ? `^A0N,${size},${w}` : `^A@N,${size},${w},${options.cjkFont ?? 'E:SIMSUN.TTF'}`;
  const block = align === 'center' || align === 'right' ? `^FB${maxW},1,0,${align === 'center' ? 'C' : 'R'},0` : '';
  return `^FO${x},${y}${font}${block}${reverse ? '^FR' : ''}${fieldData(text, !ascii)}^FS`;
}

/**
 * ^FD with ^FH hex escapes where needed: '^' and '~' would start commands, '_' is the escape
 * character itself, and in printer-font mode every non-ASCII byte of the UTF-8 text is escaped.
 */
function fieldData(text: string, utf8: boolean): string {
  if (!/[\^~_]/.test(text) && (!utf8 || isAscii(text))) return `^FD${text}`;
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += byte >= 0x80 || c === '^' || c === '~' || c === '_' ? `_${HEX[byte]}` : c;
  }
  return `^FH_^FD${out}`;
}

function bitmapElement(el: TextElement | InverseElement, dpi: number): string {
  const { x, y, bitmap } = renderTextBitmap(el, dpi);
  return graphic(x, y, bitmap);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** ^GFA,total,total,bytesPerRow,hex — uncompressed ASCII hex, 1 = black, which every ZPL II printer reads. */
function graphic(x: number, y: number, bitmap: Bitmap): string {
  const total = bitmap.data.length;
  const hex = new Array<string>(total);
  for (let i = 0; i < total; i++) hex[i] = HEX[bitmap.data[i] as number] as string;
  return `^FO${x},${y}^GFA,${total},${total},${bitmap.bytesPerRow},${hex.join('')}^FS`;
}

/** Whether every character is in GBK (one or two GB18030 bytes), what a printer's SimSun carries. */
export function isGbk(text: string): boolean {
  for (const ch of text) if (ch.charCodeAt(0) >= 0x80 && iconv.encode(ch, 'gb18030').length !== 2) return false;
  return true;
}
