import { writeFileSync } from 'node:fs';
import { AppError } from '#shared/contract/errors';
import { labelSizeSchema } from '#shared/contract/devices.contract';
import { renderPdf } from '../../host/labels/pdf.renderer';
import { renderPng } from '../../host/labels/raster';
import { encodeTspl } from '../../host/labels/tspl.encoder';
import { encodeZpl } from '../../host/labels/zpl.encoder';
import { openCliHost } from '../cli-host';

type Options = Record<string, string | boolean | undefined>;

const FORMATS = {
  png: { ext: 'png', encode: async (layout, dpi) => renderPng(layout, dpi) },
  pdf: { ext: 'pdf', encode: (layout, dpi) => renderPdf([layout], dpi) },
  tspl: { ext: 'tspl', encode: async (layout, dpi) => encodeTspl(layout, { dpi, cjkMode: 'printer-font' }) },
  zpl: { ext: 'zpl', encode: async (layout, dpi) => encodeZpl(layout, { dpi, cjkMode: 'bitmap' }) },
} satisfies Record<string, { ext: string; encode: (layout: Parameters<typeof renderPng>[0], dpi: 203 | 300) => Promise<Buffer> }>;

/** Renders one order's (or tracking number's) waybill to a PNG, PDF, TSPL or ZPL file. */
export async function runLabel(args: string[], options: Options): Promise<void> {
  const code = args[0];
  if (!code) throw new AppError('INVALID_INPUT', 'Name an order id or a tracking number');
  const format = FORMATS[(options['format'] as keyof typeof FORMATS | undefined) ?? 'png'];
  if (!format) throw new AppError('INVALID_INPUT', `--format must be one of ${Object.keys(FORMATS).join(', ')}`);
  const { host } = openCliHost(process.argv);
  try {
    const size = options['size'] ? labelSizeSchema.parse(options['size']) : undefined;
    const { layout, title } = host.context.labels.waybillFor(code, size);
    const out = typeof options['out'] === 'string' ? options['out'] : `${title}.${format.ext}`;
    writeFileSync(out, await format.encode(layout, 203));
    console.log(out);
  } finally {
    host.close();
  }
}
