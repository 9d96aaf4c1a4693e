import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, fen, hubSeq, longText } from './fields';

/** How a carrier answered a claim (理赔): it paid (an amount), or it refused. */
export const claimOutcomes = ['paid', 'rejected'] as const;
export type ClaimOutcome = (typeof claimOutcomes)[number];

const schema = z
  .strictObject({
    id: entityId,
    /** The claim: the damage report it was decided on (one claim per report). */
    claimId: entityId,
    outcome: z.enum(claimOutcomes),
    /** What the carrier paid, in fen (paid); null when it refused. */
    paidFen: fen.nullable(),
    note: longText(500),
    /** What the supervisor had seen: a different settlement they had not seen is a conflict. */
    seenHubSeq: hubSeq,
  })
  .refine((s) => (s.outcome === 'paid' ? s.paidFen !== null && s.paidFen > 0 : s.paidFen === null), { message: 'opProblem.amount', path: ['paidFen'] });

/**
 * A carrier claim settled: a supervisor's fact about money, like the decision that filed it. The
 * settlement in force is the last the hub ordered; two supervisors settling one claim differently
 * without seeing each other are flagged.
 */
export const claimSettledOp = defineOp({
  type: 'claim.settled',
  version: 1,
  schema,
  maxBytes: 1024,
  role: 'supervisor',
  authorisable: true,
  messages: { conflicting: 'flagText.conflictingSettlements' },
});
