import { msg } from '#shared/i18n/message';
import { flagResolvedOp } from '#shared/ops/flag-resolved.op';
import type { Rule } from './rule-context';

export const flagResolved: Rule<'flag.resolved'> = async (ctx, p) => {
  const { trx } = ctx.w;
  const flag = await trx.selectFrom('hub_flags').select('resolved_seq').where('flag_id', '=', p.flagId).executeTakeFirst();
  if (!flag) return { rejected: msg(flagResolvedOp.messages.unknownFlag) };
  // The first resolution stands; a second supervisor closing the same flag changes nothing.
  if (flag.resolved_seq !== null) return;
  await trx.updateTable('hub_flags').set({ resolved_seq: ctx.op.hubSeq, resolution: p.resolution }).where('flag_id', '=', p.flagId).execute();
};
