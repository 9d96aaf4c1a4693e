import { msg } from '#shared/i18n/message';
import { carrierRulesSavedOp } from '#shared/ops/carrier-rules-saved.op';
import type { Rule } from './rule-context';

const LAST = 'carrier_rules_seq';

/**
 * The last rules the hub orders stand everywhere. A save made without having seen the previous
 * one (it came after the position the editor had pulled) overwrote someone's change unseen: flagged.
 */
export const carrierRulesSaved: Rule<'carrier.rules-saved'> = async (ctx, p) => {
  const { trx } = ctx.w;
  const last = await trx.selectFrom('hub_meta').select('value').where('key', '=', LAST).executeTakeFirst();
  const row = { key: LAST, value: `${ctx.op.hubSeq}|${ctx.op.stationId}` };
  await trx.insertInto('hub_meta').values(row).onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value })).execute();
  // A bench saving twice while offline overwrites only its own change.
  const [lastSeq, lastStation] = (last?.value ?? '0|').split('|');
  if (lastStation !== ctx.op.stationId && Number(lastSeq) > p.seenHubSeq) {
    await ctx.raise('rules.concurrent-edit', {
      orderId: null, stationIds: [ctx.op.stationId], opIds: [ctx.op.opId], message: msg(carrierRulesSavedOp.messages.concurrent),
    });
  }
};
