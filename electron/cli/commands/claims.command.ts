import { AppError } from '#shared/contract/errors';
import { formatBeijing } from '#shared/domain/datetime';
import { formatFen } from '#shared/domain/money';
import { msg } from '#shared/i18n/message';
import { openCliHost } from '../cli-host';
import { jsonSaid, type Options, type Say } from '../cli-text';
import { actAs } from './cli-user';
import { amountOption } from './damage-decide.command';

/** `packdesk claims [--json]` lists carrier claims; `packdesk claims settle ID --paid 12.50 | --rejected` records the carrier's answer. */
export async function runClaims(args: string[], options: Options, t: Say): Promise<void> {
  const [sub, claimId] = args;
  if (sub !== undefined && (sub !== 'settle' || !claimId)) throw new AppError('INVALID_INPUT', msg('cli.claims.usage'));
  const { host, call } = openCliHost(process.argv);
  try {
    if (sub === 'settle' && claimId) {
      const paidFen = amountOption(options, 'paid');
      const rejected = options['rejected'] === true;
      if ((paidFen === null) === !rejected) throw new AppError('INVALID_INPUT', msg('cli.claims.usage'));
      const note = typeof options['note'] === 'string' ? options['note'] : '';
      const claim = await actAs(call, options, () => call('claims.settle', { claimId, outcome: rejected ? 'rejected' : 'paid', paidFen, note }));
      console.log(t(msg('cli.claims.settled', { tracking: claim.trackingNo, status: msg(`claims.statuses.${claim.status}`) })));
      return;
    }
    const { claims } = await call('claims.list', { status: 'all', limit: 200, offset: 0 });
    if (options['json']) {
      console.log(jsonSaid(t, claims));
      return;
    }
    if (claims.length === 0) console.log(t(msg('cli.claims.none')));
    for (const c of claims) {
      const paid = c.paidFen === null ? '' : ` → ${formatFen(c.paidFen)}`;
      console.log([c.id, formatBeijing(c.filedAt), c.carrierCode, c.trackingNo, formatFen(c.amountFen) + paid, t(msg(`claims.statuses.${c.status}`)), c.orderExternalId ?? '—'].join('\t'));
    }
  } finally {
    host.close();
  }
}
