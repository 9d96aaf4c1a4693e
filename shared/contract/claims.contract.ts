import { z } from 'zod';
import { claimOutcomes } from '../ops/claim-settled.op';
import { procedure } from '../rpc/define';
import { fenSchema, isoDateSchema, nameSaidSchema } from './common';

export { claimOutcomes };
/**
 * filed: the decision in force on the report is the claim, the carrier has not answered; paid /
 * rejected: a supervisor recorded the carrier's answer; withdrawn: the report was decided otherwise
 * afterwards (and the claim never settled).
 */
export const claimStatuses = ['filed', 'paid', 'rejected', 'withdrawn'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

/** A carrier claim (理赔): a damage report's claim decision and what became of it. */
export const claimSchema = z.object({
  /** The damage report's id: one claim per report. */
  id: z.string(),
  orderId: z.string().nullable(),
  orderExternalId: z.string().nullable(),
  skuCode: z.string(),
  skuName: z.string(),
  qty: z.number().int(),
  carrierCode: z.string(),
  carrierName: z.string(),
  trackingNo: z.string(),
  amountFen: fenSchema,
  status: z.enum(claimStatuses),
  paidFen: fenSchema.nullable(),
  filedBy: nameSaidSchema.nullable(),
  filedAt: isoDateSchema,
  settledBy: nameSaidSchema.nullable(),
  settledAt: isoDateSchema.nullable(),
  settleNote: z.string(),
});
export type Claim = z.infer<typeof claimSchema>;

export const claimsContract = {
  /** Claims, newest first, by status. */
  'claims.list': procedure(
    z.strictObject({
      status: z.enum([...claimStatuses, 'all']).default('all'),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    }),
    z.object({ total: z.number().int(), claims: z.array(claimSchema) }),
  ),
  /** Records the carrier's answer (supervisor only; a packer's bench passes a supervisor's PIN). Paid needs the amount paid. */
  'claims.settle': procedure(
    z.strictObject({
      claimId: z.string().min(1).max(100),
      outcome: z.enum(claimOutcomes),
      paidFen: z.number().int().positive().max(1e12).nullable().default(null),
      note: z.string().max(500).default(''),
      authorizerPin: z.string().max(12).optional(),
    }),
    claimSchema,
  ),
} as const;
