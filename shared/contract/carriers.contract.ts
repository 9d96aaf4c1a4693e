import { z } from 'zod';
import { procedure } from '../rpc/define';
import { fileInputSchema, gramsSchema, rowErrorSchema } from './common';

export const carrierSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  enabled: z.boolean(),
  pool: z.object({ free: z.number().int(), used: z.number().int(), void: z.number().int() }),
});
export type Carrier = z.infer<typeof carrierSchema>;

/** A carrier rule: first match wins, in list order. Empty conditions match everything. */
/** Capped as the `carrier.rules-saved` op that carries them: what passes here also syncs. */
export const carrierRuleSchema = z.object({
  carrierCode: z.string().min(1).max(16),
  provinces: z.array(z.string().max(20)).max(40).default([]),
  minWeightG: gramsSchema.nullable().default(null),
  maxWeightG: gramsSchema.nullable().default(null),
  skuCodes: z.array(z.string().max(64)).max(200).default([]),
});
export type CarrierRule = z.infer<typeof carrierRuleSchema>;

export const poolImportReportSchema = z.object({
  added: z.number().int(),
  duplicates: z.number().int(),
  /** Numbers another bench holds (imported or leased there): left out, so no number is printed at two benches. */
  heldElsewhere: z.number().int(),
  /** Lines that cannot be read (`row` is the line); any one rejects the whole list. */
  errors: z.array(rowErrorSchema),
  /** Numbers that do not look like the carrier's: worth a look, never a block. */
  warnings: z.array(rowErrorSchema),
  rejected: z.boolean(),
});

export const carriersContract = {
  /** Carriers with their waybill-number pool counts. */
  'carriers.list': procedure(z.object({}), z.array(carrierSchema)),
  /** Enables or disables a carrier at this shop. */
  'carriers.setEnabled': procedure(z.object({ code: z.string(), enabled: z.boolean() }), carrierSchema),
  /**
   * Adds waybill numbers to a carrier's pool from a list or ranges (a-b), pasted as text or uploaded
   * as a file (decoded like every import, so a damaged file is named with its line). All or nothing.
   */
  'carriers.importPool': procedure(
    z.union([
      z.object({ carrierCode: z.string().max(20), text: z.string().max(20 * 1024 * 1024) }),
      z.object({ carrierCode: z.string().max(20), file: fileInputSchema }),
    ]),
    poolImportReportSchema,
  ),
  /** The carrier rules and the fallback carrier. */
  'carriers.getRules': procedure(
    z.object({}),
    z.object({ rules: z.array(carrierRuleSchema), defaultCarrier: z.string().nullable() }),
  ),
  /**
   * Replaces the carrier rules. Refuses (INVALID_INPUT, naming the rule) a rule that could never
   * match: min weight above max, a province no address has. `unknownSkuCodes`: the rules' SKU codes
   * not in the catalog, saved all the same (their SKUs may be imported later) but worth a look.
   */
  'carriers.saveRules': procedure(
    z.object({ rules: z.array(carrierRuleSchema).max(100), defaultCarrier: z.string().max(16).nullable() }),
    z.object({ rules: z.array(carrierRuleSchema), defaultCarrier: z.string().nullable(), unknownSkuCodes: z.array(z.string()) }),
  ),
} as const;
