import { z } from 'zod';
import { defineOp } from './define-op';
import { carrierCode, grams, hubSeq, skuCode, text } from './fields';

const rule = z.strictObject({
  carrierCode, provinces: z.array(text(20)).max(40), minWeightG: grams.nullable(), maxWeightG: grams.nullable(), skuCodes: z.array(skuCode).max(200),
});

/**
 * The shop's carrier rules, saved as a whole at one bench. The last the hub orders wins at every
 * bench; two benches editing without seeing each other's change are flagged.
 */
export const carrierRulesSavedOp = defineOp({
  type: 'carrier.rules-saved',
  version: 1,
  schema: z.strictObject({ rules: z.array(rule).max(100), defaultCarrier: carrierCode.nullable(), seenHubSeq: hubSeq }),
  maxBytes: 64 * 1024,
  role: 'supervisor',
  authorisable: true,
  messages: { concurrent: 'flagText.rulesConcurrent' },
  entityOf: () => 'carrier-rules',
});
