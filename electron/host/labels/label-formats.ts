import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import type { Layout } from './label-layout';
import { renderPng } from './raster';
import { encodeTspl } from './tspl.encoder';
import { encodeZpl } from './zpl.encoder';

/** Every form a label can be written in, for the CLI and file exports (printers pick their own). */
export const labelFormats = {
  png: (layout: Layout, dpi: 203 | 300) => renderPng(layout, dpi),
  // pdf-lib, fontkit and subset-font load with the first PDF, not with every station and CLI command (~0.3 s).
  pdf: async (layout: Layout, dpi: 203 | 300) => (await import('./pdf.renderer')).renderPdf([layout], dpi, { text: true }),
  tspl: (layout: Layout, dpi: 203 | 300) => encodeTspl(layout, { dpi, cjkMode: 'printer-font' }),
  zpl: (layout: Layout, dpi: 203 | 300) => encodeZpl(layout, { dpi, cjkMode: 'bitmap' }),
} as const;
export type LabelFormat = keyof typeof labelFormats;

export async function encodeLabel(layout: Layout, format: string, dpi: 203 | 300 = 203): Promise<Buffer> {
  if (!Object.hasOwn(labelFormats, format)) {
    throw new AppError('INVALID_INPUT', msg('label.badFormat', { formats: Object.keys(labelFormats).join(', ') }));
  }
  return labelFormats[format as LabelFormat](layout, dpi);
}
