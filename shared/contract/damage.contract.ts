import { z } from 'zod';
import { procedure } from '../rpc/define';

/**
 * Damage reports are append-only facts; a supervisor's decision is a separate fact that refers to
 * one (research/sync.md §7.6). The capture and review screens come later; the ops and rules are here.
 */
export const damageDecisions = ['write-off', 'return-to-stock', 'reject'] as const;
export const damageReportSchema = z.object({
  id: z.string(),
  orderId: z.string().nullable(),
  skuCode: z.string(),
  qty: z.number().int(),
  description: z.string(),
  stationId: z.string().nullable(),
  /** The decision in force: the last one the hub ordered (or this station's own, until the hub has it). */
  decision: z.enum(damageDecisions).nullable(),
  decisionNote: z.string().nullable(),
});
export type DamageReport = z.infer<typeof damageReportSchema>;

export const damageContract = {
  'damage.report': procedure(
    z.object({ orderId: z.string().nullable().default(null), skuCode: z.string().min(1), qty: z.number().int().positive(), description: z.string().trim().min(1).max(2000) }),
    damageReportSchema,
  ),
  /** Supervisor only (checked here and again at the hub). */
  'damage.decide': procedure(
    z.object({ reportId: z.string(), decision: z.enum(damageDecisions), note: z.string().max(500).default('') }),
    damageReportSchema,
  ),
  'damage.list': procedure(z.object({}), z.object({ reports: z.array(damageReportSchema) })),
} as const;
