import { writeFileSync } from 'node:fs';
import { openCliHost } from '../cli-host';

type Options = Record<string, string | boolean | undefined>;

/** Writes the 批量发货 CSV (订单编号, 物流公司, 运单号) for upload to the shop platform. */
export async function runExport(options: Options): Promise<void> {
  const { host, call } = openCliHost(process.argv);
  try {
    const encoding = options['encoding'] === 'utf-8' ? 'utf-8' : 'gbk';
    const file = await call('shipments.exportBatchShip', { encoding, onlyNotExported: !options['all'] });
    const out = typeof options['out'] === 'string' ? options['out'] : file.fileName;
    writeFileSync(out, Buffer.from(file.base64, 'base64'));
    console.log(`${file.rows} shipments → ${out}`);
  } finally {
    host.close();
  }
}
