import { writeFileSync } from 'node:fs';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import type { Options, Say } from '../cli-text';

/**
 * Writes the 批量发货 CSV (订单编号, 物流公司, 运单号, 子订单编号 for a split) for upload to the shop
 * platform, and says what it held back: parcels not handed over, partial parcels the platform
 * cannot take as a split (each with why).
 */
export async function runExport(options: Options, t: Say): Promise<void> {
  const handedOver = options['handed-over'];
  if (handedOver !== undefined && handedOver !== 'only' && handedOver !== 'any') {
    throw new AppError('INVALID_INPUT', msg('cli.export.handedOverValue', { value: String(handedOver) }));
  }
  const { host, call } = openCliHost(process.argv);
  try {
    const encoding = options['encoding'] === 'utf-8' ? 'utf-8' : 'gbk';
    const file = await call('shipments.exportBatchShip', {
      encoding, onlyNotExported: !options['all'], ...(handedOver === undefined ? {} : { onlyHandedOver: handedOver === 'only' }),
    });
    const out = typeof options['out'] === 'string' ? options['out'] : file.fileName;
    writeFileSync(out, Buffer.from(file.base64, 'base64'));
    console.log(t(msg('cli.export.done', { rows: file.rows, out })));
    if (file.notHandedOver > 0) console.log(t(msg('export.notHandedOver', { count: file.notHandedOver })));
    if (file.heldCount > 0) console.log(t(msg('export.heldCount', { count: file.heldCount })));
    for (const h of file.held) console.log(`  ${h.orderExternalId} ${h.trackingNo}: ${t(h.reason)}`);
  } finally {
    host.close();
  }
}
