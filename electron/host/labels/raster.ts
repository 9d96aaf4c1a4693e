import { crc32, deflateSync } from 'node:zlib';
import { createCanvas, Image, type SKRSContext2D } from '@napi-rs/canvas';
import bwipjs from 'bwip-js/node';
import {
  code128Placement,
  dotsPerMm,
  HRI_BAND_MM,
  type ImageElement,
  type InverseElement,
  type Layout,
  type LayoutElement,
  type TextElement,
} from './label-layout';
import { ensureFonts, fontOf, withoutTofu } from './label-fonts';

/**
 * Renders layouts to 1-bit bitmaps: for the PNG/PDF printers, for a printer font that lacks a
 * character (TSPL BITMAP, ZPL ^GFA), and for whole-page raster jobs. Thermal heads print dots, not
 * grey, so everything is thresholded to pure black/white, and barcodes are drawn with whole-dot
 * modules straight from bwip-js's bar widths (never scaled, which would blur bar edges).
 */

/** Packed 1-bit image, rows MSB-first, 1 = black (the ZPL/ESC-POS convention; TSPL inverts it). */
export type Bitmap = { width: number; height: number; bytesPerRow: number; data: Uint8Array };

// Noto's CJK em box spans 0.88 em above the baseline to 0.12 em below; placing the baseline at
// 0.88 em makes a text element's box [y, y + heightMm] the glyphs' box, as the printer fonts do.
const ASCENT = 0.88;

/** The whole label as a 1-bit bitmap at `dpi`. */
export function renderBitmap(layout: Layout, dpi: number): Bitmap {
  ensureFonts();
  const dpmm = dotsPerMm(dpi);
  const width = Math.round(layout.widthMm * dpmm);
  const height = Math.round(layout.heightMm * dpmm);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  for (const el of layout.elements) drawElement(ctx, el, dpmm, dpi);
  return threshold(ctx, width, height);
}

export function renderPng(layout: Layout, dpi: number): Buffer {
  return bitmapToPng(renderBitmap(layout, dpi), dpi);
}

/**
 * One text (or inverse) element as a bitmap, positioned in dots, for a printer whose font cannot
 * print it. The bitmap covers only the ink's box so it does not blank out neighbouring elements.
 */
export function renderTextBitmap(el: TextElement | InverseElement, dpi: number): { x: number; y: number; bitmap: Bitmap } {
  ensureFonts();
  const dpmm = dotsPerMm(dpi);
  if (el.kind === 'inverse') {
    const x = Math.round(el.x * dpmm);
    const y = Math.round(el.y * dpmm);
    const w = Math.max(1, Math.round(el.w * dpmm));
    const h = Math.max(1, Math.round(el.h * dpmm));
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext('2d');
    drawElement(ctx, { ...el, x: 0, y: 0 }, dpmm, dpi);
    return { x, y, bitmap: threshold(ctx, w, h) };
  }
  const size = el.heightMm * dpmm;
  const probe = createCanvas(1, 1).getContext('2d');
  probe.font = fontOf(el.bold === true, size);
  const maxW = Math.round(el.maxWidthMm * dpmm);
  const w = Math.max(1, Math.min(maxW, Math.ceil(probe.measureText(withoutTofu(el.text)).width)));
  const h = Math.max(1, Math.round(size));
  const offset = alignOffset(el.align, maxW, w);
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#000';
  drawText(ctx, el.text, 0, 0, w, size, el.bold === true, 'left');
  return { x: Math.round(el.x * dpmm) + offset, y: Math.round(el.y * dpmm), bitmap: threshold(ctx, w, h) };
}

/** An image element as a bitmap of its box, in dots: for TSPL BITMAP and ZPL ^GFA. */
export function renderImageBitmap(el: ImageElement, dpi: number): { x: number; y: number; bitmap: Bitmap } {
  const dpmm = dotsPerMm(dpi);
  const w = Math.max(1, Math.round(el.w * dpmm));
  const h = Math.max(1, Math.round(el.h * dpmm));
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  drawImage(ctx, el, 0, 0, w, h);
  return { x: Math.round(el.x * dpmm), y: Math.round(el.y * dpmm), bitmap: threshold(ctx, w, h) };
}

/** The picture on paper white (a transparent signature's background is paper), fitted and centred in the box. */
function drawImage(ctx: SKRSContext2D, el: ImageElement, x: number, y: number, w: number, h: number): void {
  ctx.fillStyle = '#fff';
  ctx.fillRect(x, y, w, h);
  const image = new Image();
  try {
    image.src = Buffer.from(el.pngBase64, 'base64');
  } catch {
    return; // an unreadable picture leaves its box blank; the text around it still prints
  }
  if (image.width === 0 || image.height === 0) return;
  const scale = Math.min(w / image.width, h / image.height);
  const dw = Math.round(image.width * scale);
  const dh = Math.round(image.height * scale);
  ctx.drawImage(image, x + Math.round((w - dw) / 2), y + Math.round((h - dh) / 2), dw, dh);
  ctx.fillStyle = '#000';
}

function drawElement(ctx: SKRSContext2D, el: LayoutElement, dpmm: number, dpi: number): void {
  const d = (mm: number) => Math.round(mm * dpmm);
  ctx.fillStyle = '#000';
  switch (el.kind) {
    case 'text':
      drawText(ctx, el.text, d(el.x), d(el.y), d(el.maxWidthMm), el.heightMm * dpmm, el.bold === true, el.align ?? 'left');
      return;
    case 'line':
      ctx.fillRect(d(el.x), d(el.y), Math.max(1, d(el.w)), Math.max(1, d(el.h)));
      return;
    case 'box': {
      const [x, y, w, h, t] = [d(el.x), d(el.y), d(el.w), d(el.h), Math.max(1, d(el.thickness))];
      ctx.fillRect(x, y, w, t);
      ctx.fillRect(x, y + h - t, w, t);
      ctx.fillRect(x, y, t, h);
      ctx.fillRect(x + w - t, y, t, h);
      return;
    }
    case 'inverse': {
      const [x, y, w, h] = [d(el.x), d(el.y), d(el.w), d(el.h)];
      ctx.fillRect(x, y, w, h);
      ctx.fillStyle = '#fff';
      const size = el.heightMm * dpmm;
      const pad = Math.round(size * 0.15);
      drawText(ctx, el.text, x + pad, y + Math.round((h - size) / 2), w - 2 * pad, size, true, el.align ?? 'center');
      ctx.fillStyle = '#000';
      return;
    }
    case 'code128': {
      const p = code128Placement(el, dpi);
      const sbs = code128Bars(el.data);
      let x = p.x;
      sbs.forEach((modules, i) => {
        // Even entries are bars, odd ones spaces, each a whole number of modules.
        if (i % 2 === 0) ctx.fillRect(x, p.y, modules * p.narrow, p.heightDots);
        x += modules * p.narrow;
      });
      if (el.humanReadable) {
        const size = (HRI_BAND_MM - 1) * dpmm;
        drawText(ctx, el.data, d(el.x), p.y + p.heightDots + Math.round(0.5 * dpmm), d(el.widthMm), size, false, 'center');
      }
      return;
    }
    case 'image':
      drawImage(ctx, el, d(el.x), d(el.y), Math.max(1, d(el.w)), Math.max(1, d(el.h)));
      return;
    case 'qr': {
      const sym = bwipjs.raw('qrcode', el.data, 'eclevel=M')[0];
      if (!sym || !('pixs' in sym)) return;
      const cell = Math.max(1, d(el.cellMm));
      for (let r = 0; r < sym.pixy; r++) {
        for (let c = 0; c < sym.pixx; c++) {
          if (sym.pixs[r * sym.pixx + c]) ctx.fillRect(d(el.x) + c * cell, d(el.y) + r * cell, cell, cell);
        }
      }
      return;
    }
  }
}

/** Space/bar widths in modules for the shortest Code128 encoding (bars first). */
export function code128Bars(data: string): number[] {
  const sym = bwipjs.raw('code128', data, {})[0];
  if (!sym || !('sbs' in sym)) throw new Error('bwip-js returned no Code128 bars');
  return sym.sbs;
}

function drawText(ctx: SKRSContext2D, raw: string, x: number, y: number, maxW: number, size: number, bold: boolean, align: 'left' | 'center' | 'right'): void {
  // Never tofu: a character no bundled font has becomes a visible [U+XXXX] (label-fonts).
  const text = withoutTofu(raw);
  ctx.font = fontOf(bold, size);
  ctx.textBaseline = 'alphabetic';
  const width = ctx.measureText(text).width;
  // Too wide for its box: condense horizontally rather than overflow into the next element.
  const squeeze = width > maxW && width > 0 ? maxW / width : 1;
  const drawn = width * squeeze;
  ctx.save();
  ctx.translate(x + alignOffset(align, maxW, drawn), y + size * ASCENT);
  ctx.scale(squeeze, 1);
  ctx.fillText(text, 0, 0);
  ctx.restore();
}

function alignOffset(align: 'left' | 'center' | 'right' | undefined, box: number, width: number): number {
  if (align === 'center') return Math.round((box - width) / 2);
  if (align === 'right') return Math.round(box - width);
  return 0;
}

function threshold(ctx: SKRSContext2D, width: number, height: number): Bitmap {
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * height);
  for (let y = 0; y < height; y++) {
    const row = y * bytesPerRow;
    let src = y * width * 4;
    for (let x = 0; x < width; x++, src += 4) {
      // Anti-aliased edges darker than mid-grey become ink; alpha-less white stays paper.
      if ((rgba[src] as number) < 128 && (rgba[src + 3] as number) >= 128) {
        data[row + (x >> 3)] = (data[row + (x >> 3)] as number) | (0x80 >> (x & 7));
      }
    }
  }
  return { width, height, bytesPerRow, data };
}

/**
 * A 1-bit greyscale PNG with its physical resolution (pHYs), so an image viewer or the OS print
 * dialog prints it at the label's real size.
 */
export function bitmapToPng(bitmap: Bitmap, dpi: number): Buffer {
  const { width, height, bytesPerRow, data } = bitmap;
  const raw = Buffer.alloc((bytesPerRow + 1) * height);
  for (let y = 0; y < height; y++) {
    const out = y * (bytesPerRow + 1);
    raw[out] = 0; // filter: none
    for (let i = 0; i < bytesPerRow; i++) raw[out + 1 + i] = ~(data[y * bytesPerRow + i] as number) & 0xff; // PNG grey: 0 = black
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, no interlace
  const perMetre = Math.round(dotsPerMm(dpi) * 1000);
  const phys = Buffer.alloc(9);
  phys.writeUInt32BE(perMetre, 0);
  phys.writeUInt32BE(perMetre, 4);
  phys[8] = 1; // unit: metre
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('pHYs', phys),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}
