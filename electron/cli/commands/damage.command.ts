import { AppError } from '#shared/contract/errors';
import { damageReasons, reportedSources, type DamageReport } from '#shared/contract/damage.contract';
import { formatBeijing } from '#shared/domain/datetime';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import { jsonSaid, type Options, type Say } from '../cli-text';
import { choice, many, one, putPhotoFiles } from './cli-photos';
import { signIn } from './cli-user';


/** One report as a terminal line: id (for `damage decide`), when in Beijing time, order, SKU × qty, reason, where found, photos, decision. */
function line(t: Say, r: DamageReport): string {
  return t(msg('cli.damage.line', {
    id: r.id, at: formatBeijing(r.reportedAt), order: r.orderExternalId !== null ? msg('cli.damage.order', { order: r.orderExternalId }) : r.returnScanned ? msg('damageReview.fromReturn', { ref: r.returnScanned }) : msg('cli.damage.order', { order: '—' }), sku: r.skuCode, qty: r.qty, reason: msg(`damageReview.reasons.${r.reason}`),
    source: msg(`damageReview.sources.${r.source}`), photos: r.photos.length,
    decision: r.decision ? msg(`damageReview.decisions.${r.decision.decision}`) : msg('cli.damage.open'),
  }));
}

/**
 * `packdesk damage report --order REF --sku CODE --qty N --reason R [--note …] [--photo FILE…]` files
 * a damage report as the bench does (photos checked and kept first); `packdesk damage list [--open]`
 * prints the reports, newest first. `--json` prints what the host answered.
 */
export async function runDamage(args: string[], options: Options, t: Say): Promise<void> {
  const [action] = args;
  if (action !== 'report' && action !== 'list') throw new AppError('INVALID_INPUT', msg('cli.damage.usage'));
  const { host, call } = openCliHost(process.argv);
  try {
    await signIn(call, options);
    if (action === 'list') {
      const { reports } = await call('damage.list', { filter: options['open'] === true ? 'open' : 'all', limit: 200, offset: 0 });
      if (options['json'] === true) return console.log(jsonSaid(t, reports));
      console.log(reports.length === 0 ? t(msg('cli.damage.none')) : reports.map((r) => line(t, r)).join('\n'));
      return;
    }
    const reason = choice(options['reason'], 'reason', damageReasons);
    const source = choice(options['source'], 'source', reportedSources);
    const sku = one(options['sku']);
    const qty = Number(one(options['qty']) ?? '1');
    if (!sku || !reason || !Number.isInteger(qty) || qty < 1) throw new AppError('INVALID_INPUT', msg('cli.damage.usage'));
    // 其他 says what in the note (the host would name its field, not the option).
    if (reason === 'other' && !one(options['note'])?.trim()) throw new AppError('INVALID_INPUT', msg('cli.damage.noteForOther'));
    const photoHashes = await putPhotoFiles(call, many(options['photo']));
    const weight = one(options['weight']);
    const report = await call('damage.report', {
      orderRef: one(options['order']) ?? null, skuCode: sku, qty, reason, note: one(options['note']) ?? '', photoHashes,
      ...(source ? { source } : {}), ...(weight !== undefined ? { weightG: Number(weight) } : {}),
    });
    console.log(options['json'] === true ? jsonSaid(t, report) : line(t, report));
  } finally {
    host.close();
  }
}
