import { msg } from '#shared/i18n/message';
import { carrierRulesSavedOp } from '#shared/ops/carrier-rules-saved.op';
import { flagUnseenOverwrite } from './concurrent-save';
import type { Rule } from './rule-context';

/** The last rules the hub orders stand everywhere; a save that overwrote another bench's unseen is flagged. */
export const carrierRulesSaved: Rule<'carrier.rules-saved'> = async (ctx, { seenHubSeq, ...rules }) => {
  await flagUnseenOverwrite(ctx, 'carrier_rules_seq', seenHubSeq, rules, 'rules.concurrent-edit', msg(carrierRulesSavedOp.messages.concurrent));
};
