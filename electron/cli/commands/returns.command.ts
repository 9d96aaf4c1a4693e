import { AppError } from '#shared/contract/errors';
import { damageReasons, type DamageReason } from '#shared/contract/damage.contract';
import type { ReturnCondition } from '#shared/contract/returns.contract';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import type { Options, Say } from '../cli-text';
import { many, one, putPhotoFiles } from './cli-photos';
import { signIn } from './cli-user';

type Item = { skuCode: string; qty: number; condition: ReturnCondition; reason: DamageReason | null };

/** `SKU:QTY` (and for a defective item `SKU:QTY:reason`, broken when left out). */
function parseItem(text: string, condition: ReturnCondition): Item {
  const [sku, qty = '1', reason, ...rest] = text.split(':');
  const n = Number(qty);
  const why = condition === 'defective' ? (reason ?? 'broken') : undefined;
  if (!sku || !Number.isInteger(n) || n < 1 || rest.length > 0 || (why === undefined && reason !== undefined) || (why !== undefined && !(damageReasons as readonly string[]).includes(why))) {
    throw new AppError('INVALID_INPUT', msg('cli.returns.badItem', { item: text }));
  }
  return { skuCode: sku, qty: n, condition, reason: (why as DamageReason | undefined) ?? null };
}

/**
 * `packdesk returns receive --parcel TRACKING | --order ID --good SKU:QTY --defective SKU:QTY[:reason]
 * --missing SKU:QTY [--photo FILE…] [--note …] [--json]`: 退货入库 as the Returns screen does it. A
 * parcel number that matches no order is kept as an unknown return; an order id must exist.
 */
export async function runReturns(args: string[], options: Options, t: Say): Promise<void> {
  const parcel = one(options['parcel']);
  const order = one(options['order']);
  if (args[0] !== 'receive' || (parcel !== undefined) === (order !== undefined)) throw new AppError('INVALID_INPUT', msg('cli.returns.usage'));
  const items = [
    ...many(options['good']).map((i) => parseItem(i, 'good')),
    ...many(options['defective']).map((i) => parseItem(i, 'defective')),
    ...many(options['missing']).map((i) => parseItem(i, 'missing')),
  ];
  const { host, call } = openCliHost(process.argv);
  try {
    await signIn(call, options);
    const photoHashes = await putPhotoFiles(call, many(options['photo']));
    const r = await call('returns.receive', { ref: parcel ?? order ?? null, allowUnknown: parcel !== undefined, items, photoHashes, note: one(options['note']) ?? '' });
    if (options['json'] === true) return console.log(JSON.stringify(r, null, 2));
    const count = (c: ReturnCondition) => r.items.filter((i) => i.condition === c).reduce((n, i) => n + i.qty, 0);
    const params = { id: r.id, good: count('good'), defective: count('defective'), missing: count('missing'), photos: r.photos.length, reports: r.damageReportIds.join(', ') || '—' };
    console.log(t(r.unknown ? msg('cli.returns.unknown', { ...params, ref: r.scanned ?? '' }) : msg('cli.returns.received', { ...params, order: r.orderExternalId ?? '' })));
  } finally {
    host.close();
  }
}
