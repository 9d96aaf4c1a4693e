import { PDFDocument } from 'pdf-lib';
import type { Layout } from './label-layout';
import { renderPng } from './raster';

const PT_PER_MM = 72 / 25.4;

/**
 * A PDF with one page per layout at the label's physical size, each page one 1-bit image at the
 * printer's resolution. Rasterising first (rather than drawing vector text) keeps the PDF
 * identical to the PNG and the thermal print, and needs no font embedding for Chinese.
 */
export async function renderPdf(layouts: Layout[], dpi: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setProducer('Packdesk');
  doc.setCreator('Packdesk');
  for (const layout of layouts) {
    const width = layout.widthMm * PT_PER_MM;
    const height = layout.heightMm * PT_PER_MM;
    const page = doc.addPage([width, height]);
    const image = await doc.embedPng(renderPng(layout, dpi));
    page.drawImage(image, { x: 0, y: 0, width, height });
  }
  return Buffer.from(await doc.save());
}
