import { writeFileSync } from 'node:fs';
import { AppError } from '#shared/contract/errors';
import { labelSizeSchema } from '#shared/contract/devices.contract';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import type { Options } from '../cli-text';

/** Renders one order's (or tracking number's) waybill to a PNG, PDF, TSPL or ZPL file. */
export async function runLabel(args: string[], options: Options): Promise<void> {
  const code = args[0];
  if (!code) throw new AppError('INVALID_INPUT', msg('cli.label.noCode'));
  const format = typeof options['format'] === 'string' ? options['format'] : 'png';
  const { host } = openCliHost(process.argv);
  try {
    const size = options['size'] ? labelSizeSchema.parse(options['size']) : undefined;
    const { bytes, title } = await host.context.labels.renderWaybill(code, format, size);
    const out = typeof options['out'] === 'string' ? options['out'] : `${title}.${format}`;
    writeFileSync(out, bytes);
    console.log(out);
  } finally {
    host.close();
  }
}
