import { writeFileSync } from 'node:fs';
import { AppError } from '#shared/contract/errors';
import { notHandedOverText, numberChangeText } from '#shared/domain/batch-ship-notes';
import { extraParcelText as extraText } from '#shared/domain/split-shipment';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import type { Options, Say } from '../cli-text';
import { actAs } from './cli-user';

/** An option's value among those it takes (the first is the default), or a refusal naming them. */
function oneOf<const T extends string>(options: Options, option: string, allowed: readonly [T, ...T[]]): T {
  const value = options[option];
  if (value === undefined) return allowed[0];
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new AppError('INVALID_INPUT', msg('cli.export.optionValue', { option: `--${option}`, allowed: allowed.join('|'), value: String(value) }));
}

/**
 * Writes the 批量发货 file (订单编号, 物流公司, 运单号, 子订单编号 for a split) for upload to the shop
 * platform, a CSV or an XLSX (`--format xlsx`: order ids stay text in Excel), and says what it held
 * back: parcels not handed over, partial parcels the platform cannot take as a split (each with why),
 * and orders whose uploaded number must be changed on the platform (修改物流单号) rather than uploaded again.
 * With nothing to export it writes no file and fails (exit 1), as the screen refuses it.
 * Runs as the machine's owner (nobody logged in), the bench's login, or `--pin`'s user.
 */
export async function runExport(options: Options, t: Say): Promise<void> {
  const handedOver = options['handed-over'];
  if (handedOver !== undefined && handedOver !== 'only' && handedOver !== 'any') {
    throw new AppError('INVALID_INPUT', msg('cli.export.handedOverValue', { value: String(handedOver) }));
  }
  const encoding = oneOf(options, 'encoding', ['gbk', 'utf-8']);
  const format = oneOf(options, 'format', ['csv', 'xlsx']);
  const { host, call } = openCliHost(process.argv);
  try {
    // As whoever runs this machine, or the bench's login; a packer's is refused (the owner's job), so `--pin` names a supervisor or admin.
    const file = await actAs(call, options, () =>
      call('shipments.exportBatchShip', {
        encoding, format, onlyNotExported: !options['all'], ...(handedOver === undefined ? {} : { onlyHandedOver: handedOver === 'only' }),
      }),
    );
    // Nothing to upload: refused as the screen refuses it, no header-only file (what was held back still said).
    if (file.rows > 0) {
      const out = typeof options['out'] === 'string' ? options['out'] : file.fileName;
      writeFileSync(out, Buffer.from(file.base64, 'base64'));
      console.log(t(msg('cli.export.done', { rows: file.rows, out })));
    }
    if (file.notHandedOver > 0) console.log(t(notHandedOverText(file, t(msg('common.listSep')))));
    if (file.heldCount > 0) console.log(t(msg('export.heldCount', { count: file.heldCount })));
    for (const h of file.held) console.log(`  ${h.orderExternalId} ${h.trackingNo}: ${t(h.reason)}`);
    if (file.extraCount > 0) console.log(t(msg('export.extraCount', { count: file.extraCount })));
    for (const x of file.extra) console.log(`  ${t(extraText(x))}`);
    if (file.changeCount > 0) console.log(t(msg('export.changeCount', { count: file.changeCount })));
    for (const c of file.changes) console.log(`  ${t(numberChangeText(c))}`);
    if (file.elsewhereCount > 0) console.log(t(msg('export.elsewhereCount', { count: file.elsewhereCount })));
    for (const x of file.elsewhere) console.log(`  ${t(msg('export.elsewhereLine', { order: x.orderExternalId, carrier: x.carrierName, tracking: x.trackingNo }))}`);
    if (file.rows === 0) throw new AppError('NOT_FOUND', msg('shipments.exportEmpty'));
  } finally {
    host.close();
  }
}
