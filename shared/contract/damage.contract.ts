import { z } from 'zod';
import { damageDecisions } from '../ops/damage-decided.op';
import { damageReasons, damageSources } from '../ops/damage-reported.op';
import { procedure } from '../rpc/define';
import { claimSchema } from './claims.contract';
import { benchRefSchema, fenSchema, gramsSchema, isoDateSchema, nameSaidSchema } from './common';

export { damageDecisions, damageReasons, damageSources };
export type DamageReason = (typeof damageReasons)[number];
export type DamageSource = (typeof damageSources)[number];
/** Where a person may say a damaged unit was found; 退货中发现 is set by a return's intake alone (its report is linked to it). */
export const reportedSources = ['bench', 'shelf', 'delivered'] as const satisfies readonly DamageSource[];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A decision as people read it: what, by whom, when, and what it carried. */
export const damageDecisionSchema = z.object({
  id: z.string(),
  decision: z.enum(damageDecisions),
  note: z.string(),
  amountFen: fenSchema.nullable(),
  carrierCode: z.string().nullable(),
  trackingNo: z.string().nullable(),
  decidedBy: nameSaidSchema.nullable(),
  decidedAt: isoDateSchema,
});
export type DamageDecisionEntry = z.infer<typeof damageDecisionSchema>;

/**
 * Damage reports are append-only facts; a supervisor's decision is a separate fact that refers to
 * one (research/sync.md §7.6). The decision in force is the last the hub ordered (or this station's
 * own, until the hub has it).
 */
export const damageReportSchema = z.object({
  id: z.string(),
  orderId: z.string().nullable(),
  /** The order's number as the platform shows it. */
  orderExternalId: z.string().nullable(),
  shipmentId: z.string().nullable(),
  trackingNo: z.string().nullable(),
  carrierCode: z.string().nullable(),
  /**
   * The order's latest live parcel when the report names none (filed before the order shipped): the
   * parcel a claim is most likely about, offered to the claim form rather than typed by hand.
   */
  orderParcel: z.object({ carrierCode: z.string(), trackingNo: z.string() }).nullable(),
  skuCode: z.string(),
  skuName: z.string(),
  qty: z.number().int(),
  reason: z.enum(damageReasons),
  source: z.enum(damageSources),
  note: z.string(),
  weightG: gramsSchema.nullable(),
  /** Full-size photos by SHA-256 (`/attachments/<sha>`; a thumbnail at `?thumb=1`). */
  photos: z.array(sha256),
  /** The bench it was filed at (its photos are uploaded from there). */
  bench: benchRefSchema.nullable(),
  reportedBy: nameSaidSchema.nullable(),
  reportedAt: isoDateSchema,
  returnId: z.string().nullable(),
  /** The number the return that made it was scanned by: what names a return no order matched (null: not from a return, or none scanned). */
  returnScanned: z.string().nullable(),
  decision: damageDecisionSchema.nullable(),
});
export type DamageReport = z.infer<typeof damageReportSchema>;

/** Units per stock bucket. */
const bucketUnitsSchema = z.object({ sellable: z.number().int(), damaged: z.number().int() });

/** What the decisions on a report set going: stock booked, a reship, a claim. */
export const damageEffectsSchema = z.object({
  /** Units the decisions on this report moved, per bucket, as this bench knows them (write-off: −shelf +damaged). */
  booked: bucketUnitsSchema,
  /** The reship decided on it: open (waiting for a bench), shipped (with the new parcel's number) or cancelled by a later decision. */
  reship: z.object({ state: z.enum(['open', 'shipped', 'cancelled']), trackingNo: z.string().nullable() }).nullable(),
  claim: claimSchema.nullable(),
});
export type DamageEffects = z.infer<typeof damageEffectsSchema>;

export const damageContract = {
  /**
   * Files a report at any bench, offline too. `orderRef`: an order id, the platform's order number
   * or a parcel's tracking number (null: found on the shelf). Photos were put first (photos.put).
   */
  'damage.report': procedure(
    z.strictObject({
      orderRef: z.string().trim().min(1).max(80).nullable().default(null),
      skuCode: z.string().trim().min(1).max(64),
      qty: z.number().int().positive().max(100_000),
      reason: z.enum(damageReasons),
      source: z.enum(reportedSources).optional(),
      note: z.string().max(2000).default(''),
      photoHashes: z.array(sha256).max(20).default([]),
      /** Grams typed by hand; absent: the scale's stable weight when a scale is attached. */
      weightG: z.number().int().min(0).max(1e8).nullable().optional(),
    }),
    damageReportSchema,
  ),
  /** Supervisor only (checked here and again at the hub); a packer's bench passes a supervisor's PIN. */
  'damage.decide': procedure(
    z.strictObject({
      reportId: z.string().min(1).max(100),
      decision: z.enum(damageDecisions),
      note: z.string().max(500).default(''),
      amountFen: z.number().int().positive().max(1e12).nullable().default(null),
      carrierCode: z.string().max(16).nullable().default(null),
      trackingNo: z.string().max(40).nullable().default(null),
      /** Booked although it takes the SKU's shelf stock below zero: refused with why (damage.belowZero) unless confirmed. */
      confirmed: z.boolean().optional(),
      authorizerPin: z.string().max(12).optional(),
    }),
    damageReportSchema,
  ),
  /** Reports newest first; `open`: awaiting a decision. */
  'damage.list': procedure(
    z.strictObject({
      filter: z.enum(['open', 'decided', 'all']).default('all'),
      orderId: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    }),
    z.object({ total: z.number().int(), reports: z.array(damageReportSchema) }),
  ),
  /** One report with every decision made on it, oldest first, and what they set going. */
  'damage.get': procedure(
    z.strictObject({ id: z.string().min(1).max(100) }),
    z.object({ report: damageReportSchema, decisions: z.array(damageDecisionSchema), effects: damageEffectsSchema }),
  ),
  /**
   * The evidence pack for the carrier: one PDF with the report, its photos full size, the order's
   * scan log, the parcels' weights and times and the claim. Named in Beijing time.
   */
  'damage.evidence': procedure(z.strictObject({ reportId: z.string().min(1).max(100) }), z.object({ fileName: z.string(), base64: z.string() })),
} as const;
