import { AppError } from '#shared/contract/errors';
import { damageReasons, type DamageReason } from '#shared/contract/damage.contract';
import { unaccountedRefusals, type ReturnCondition } from '#shared/contract/returns.contract';
import { formatBeijing } from '#shared/domain/datetime';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import { jsonSaid, type Options, type Say } from '../cli-text';
import { many, one, putPhotoFiles } from './cli-photos';
import { signIn } from './cli-user';

type Item = { skuCode: string; qty: number; condition: ReturnCondition; reason: DamageReason | null };

/** `SKU:QTY` (and for a defective item `SKU:QTY:reason`, broken when left out). */
function parseItem(text: string, condition: ReturnCondition): Item {
  const [sku, qty = '1', reason, ...rest] = text.split(':');
  const n = Number(qty);
  const why = condition === 'defective' ? (reason ?? 'broken') : undefined;
  if (!sku || !Number.isInteger(n) || n < 1 || rest.length > 0 || (why === undefined && reason !== undefined) || (why !== undefined && !(damageReasons as readonly string[]).includes(why))) {
    throw new AppError('INVALID_INPUT', msg('cli.returns.badItem', { item: text, reasons: damageReasons.join(' | ') }));
  }
  return { skuCode: sku, qty: n, condition, reason: (why as DamageReason | undefined) ?? null };
}

/**
 * `packdesk returns receive --parcel TRACKING | --order ID --good SKU:QTY --defective SKU:QTY[:reason]
 * --missing SKU:QTY [--photo FILE…] [--note …] [--confirm --pin PIN] [--json]`: 退货入库 as the Returns
 * screen does it. A parcel number that matches no order is kept as an unknown return; an order id must
 * exist. What the order does not account for is refused, saying why, unless `--confirm`ed on a
 * supervisor's or admin's authority: theirs must be the `--pin` (checked before anything is filed).
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
  const confirmed = options['confirm'] === true;
  if (confirmed && !one(options['pin'])) throw new AppError('FORBIDDEN', msg('cli.returns.confirmNeedsPin'));
  const { host, call } = openCliHost(process.argv);
  try {
    await signIn(call, options);
    const role = (await call('session.current', {})).user?.role;
    if (confirmed && role !== 'supervisor' && role !== 'admin') throw new AppError('FORBIDDEN', msg('cli.returns.confirmNeedsPin'));
    const photoHashes = await putPhotoFiles(call, many(options['photo']));
    const r = await call('returns.receive', {
      ref: parcel ?? order ?? null, allowUnknown: parcel !== undefined, items, photoHashes, note: one(options['note']) ?? '', confirmed,
    }).catch((error: unknown) => {
      // Why, as the screen says it, and how to take it in anyway from here.
      if (error instanceof AppError && error.code === 'CONFLICT' && unaccountedRefusals.has(error.msg.key)) throw new AppError('CONFLICT', msg('cli.returns.unaccounted', { why: error.msg }));
      throw error;
    });
    if (options['json'] === true) return console.log(jsonSaid(t, r));
    const count = (c: ReturnCondition) => r.items.filter((i) => i.condition === c).reduce((n, i) => n + i.qty, 0);
    // When and by whom in Beijing time, as the other commands print times; the return's id is in --json.
    const params = {
      at: formatBeijing(r.receivedAt), who: r.receivedBy ?? '—',
      good: count('good'), defective: count('defective'), missing: count('missing'), photos: r.photos.length, reports: r.damageReportIds.join(', ') || '—',
    };
    console.log(t(r.unknown ? msg('cli.returns.unknown', { ...params, ref: r.scanned ?? '' }) : msg('cli.returns.received', { ...params, order: r.orderExternalId ?? '' })));
  } finally {
    host.close();
  }
}
