import { z } from 'zod';
import { defineOp } from './define-op';
import { carrierCode, entityId, fen, hubSeq, longText, trackingNo } from './fields';

/**
 * What a supervisor decides about a report. write-off: the unit goes to the damaged bucket;
 * restock: it goes (back) on the shelf; reship: a new parcel for the order through the normal ship
 * path; claim: a carrier claim (理赔) for an amount; refund: a refund to the buyer was made;
 * reject: the report was wrong, nothing happens.
 */
export const damageDecisions = ['write-off', 'restock', 'reship', 'claim', 'refund', 'reject'] as const;
export type DamageDecision = (typeof damageDecisions)[number];

const schema = z
  .strictObject({
    id: entityId,
    reportId: entityId,
    decision: z.enum(damageDecisions),
    note: longText(500),
    seenHubSeq: hubSeq,
    /** The claimed amount (claim) or the refunded amount (refund), in fen. */
    amountFen: fen.nullable(),
    /** The carrier and the parcel's tracking number a claim is against. */
    carrierCode: carrierCode.nullable(),
    trackingNo: trackingNo.nullable(),
  })
  .refine((d) => (d.decision === 'claim' || d.decision === 'refund' ? d.amountFen !== null && d.amountFen > 0 : d.amountFen === null), {
    message: 'opProblem.amount',
    path: ['amountFen'],
  })
  .refine((d) => (d.decision === 'claim' ? d.carrierCode !== null && d.trackingNo !== null : d.carrierCode === null && d.trackingNo === null), {
    message: 'opProblem.claimParcel',
    path: ['trackingNo'],
  });

/** A supervisor's decision on a report; seenHubSeq tells conflicting blind decisions apart. */
export const damageDecidedOp = defineOp({
  type: 'damage.decided',
  version: 2,
  schema,
  maxBytes: 2048,
  role: 'supervisor',
  authorisable: true,
  messages: { conflicting: 'flagText.conflictingDecisions' },
  upcasters: {
    // v1 knew write-off, return-to-stock and reject, with no amounts.
    1: (p) => ({ ...p, decision: p['decision'] === 'return-to-stock' ? 'restock' : p['decision'], amountFen: null, carrierCode: null, trackingNo: null }),
  },
});
