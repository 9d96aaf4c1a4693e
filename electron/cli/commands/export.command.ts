import { writeFileSync } from 'node:fs';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import type { Options, Say } from '../cli-text';

/** Writes the 批量发货 CSV (订单编号, 物流公司, 运单号) for upload to the shop platform. */
export async function runExport(options: Options, t: Say): Promise<void> {
  const { host, call } = openCliHost(process.argv);
  try {
    const encoding = options['encoding'] === 'utf-8' ? 'utf-8' : 'gbk';
    const file = await call('shipments.exportBatchShip', { encoding, onlyNotExported: !options['all'] });
    const out = typeof options['out'] === 'string' ? options['out'] : file.fileName;
    writeFileSync(out, Buffer.from(file.base64, 'base64'));
    console.log(t(msg('cli.export.done', { rows: file.rows, out })));
  } finally {
    host.close();
  }
}
