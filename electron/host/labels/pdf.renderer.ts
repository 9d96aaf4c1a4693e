import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, setTextRenderingMode, TextRenderingMode, type PDFFont, type PDFPage } from 'pdf-lib';
import subsetFont from 'subset-font';
import { notoSansScFile } from './label-fonts';
import type { Layout } from './label-layout';
import { renderPng } from './raster';

const PT_PER_MM = 72 / 25.4;
// The raster's baseline sits 0.88 em below a text element's top (raster.ts ASCENT).
const ASCENT = 0.88;

let fontBytes: Uint8Array | null = null;

/**
 * A PDF with one page per layout at the label's physical size, each page one 1-bit image at the
 * printer's resolution. Rasterising first (rather than drawing vector text) keeps the PDF
 * identical to the PNG and the thermal print, and needs no font for what is seen.
 * With `text`, the label's text lies over the image, invisible (render mode 3, as OCR'd scans do)
 * in Noto Sans SC subset to the label's characters, so an exported PDF of waybills can be searched
 * for a number or a 大头笔 and copied from. It is off for printing: subsetting the font costs a few
 * hundred milliseconds a job, which a packer waiting for the label would feel.
 */
export async function renderPdf(layouts: Layout[], dpi: number, options: { text?: boolean } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setProducer('Packdesk');
  doc.setCreator('Packdesk');
  const font = options.text ? await textFont(doc, layouts) : null;
  for (const layout of layouts) {
    const width = layout.widthMm * PT_PER_MM;
    const height = layout.heightMm * PT_PER_MM;
    const page = doc.addPage([width, height]);
    const image = await doc.embedPng(renderPng(layout, dpi));
    page.drawImage(image, { x: 0, y: 0, width, height });
    if (font) drawTextLayer(page, font, layout);
  }
  return Buffer.from(await doc.save());
}

async function textFont(doc: PDFDocument, layouts: Layout[]): Promise<PDFFont | null> {
  const chars = new Set(layouts.flatMap((l) => l.elements.flatMap((e) => (e.kind === 'text' || e.kind === 'inverse' ? [...e.text] : []))));
  if (chars.size === 0) return null;
  chars.add(' ');
  doc.registerFontkit(fontkit);
  fontBytes ??= readFileSync(notoSansScFile(false));
  const subset = await subsetFont(fontBytes, [...chars].join(''), { targetFormat: 'truetype' });
  return doc.embedFont(subset, { subset: false, features: { locl: false, liga: false, clig: false, dlig: false } });
}

function drawTextLayer(page: PDFPage, font: PDFFont, layout: Layout): void {
  page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible));
  const pageH = layout.heightMm * PT_PER_MM;
  for (const el of layout.elements) {
    if (el.kind !== 'text' && el.kind !== 'inverse') continue;
    const top = el.kind === 'inverse' ? el.y + (el.h - el.heightMm) / 2 : el.y;
    const size = el.heightMm * PT_PER_MM;
    page.drawText(el.text, { x: el.x * PT_PER_MM, y: pageH - (top + el.heightMm * ASCENT) * PT_PER_MM, size, font });
  }
}
