import { z } from 'zod';
import { procedure } from '../rpc/define';
import { isoDateSchema } from './common';

const count = z.number().int().nonnegative();

/** An open order near its deadline, as the bench's banner names it. */
export const guardOrderSchema = z.object({ orderId: z.string(), externalId: z.string(), deadline: isoDateSchema });
export type GuardOrder = z.infer<typeof guardOrderSchema>;
export const GUARD_SOONEST = 5;

/**
 * The late-shipping guard's numbers now (发货延迟): open orders due within the shop's
 * `deadlineRiskHours` (`atRisk`, the late ones included), past their deadline (`late`), and what
 * must leave with the next courier pickup (`beforePickup`: due before the pickup after it; of them
 * `missesPickup` are due before the courier even comes). `awaitingHandover`: orders packed but not
 * handed over, due before that bound (only once the shop hands parcels over).
 */
export const guardSummarySchema = z.object({
  now: isoDateSchema,
  riskHours: z.number().int().positive(),
  /** HH:mm, Beijing time. */
  pickupTime: z.string(),
  /** The next pickup, and the one after it. */
  pickupAt: isoDateSchema,
  followingPickupAt: isoDateSchema,
  atRisk: count,
  late: count,
  beforePickup: count,
  missesPickup: count,
  awaitingHandover: count,
  /** The open orders due first (within the risk hours or before the pickup bound), for the bench. */
  soonest: z.array(guardOrderSchema).max(GUARD_SOONEST),
});
export type GuardSummary = z.infer<typeof guardSummarySchema>;

export const guardContract = {
  /** The top bar's count, the bench's banner and the Orders screen's guard strip read this. */
  'guard.summary': procedure(z.strictObject({}), guardSummarySchema),
} as const;
