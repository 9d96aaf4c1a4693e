import { z } from 'zod';
import { damageReasons } from '../ops/damage-reported.op';
import { RETURN_ITEMS_MAX, returnConditions, type ReturnCondition } from '../ops/return-received.op';
import { procedure } from '../rpc/define';
import { benchRefSchema, isoDateSchema, nameSaidSchema } from './common';

export { returnConditions, type ReturnCondition };

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** One line of a return as people read it. */
export const returnItemSchema = z.object({
  skuCode: z.string(),
  skuName: z.string(),
  qty: z.number().int(),
  condition: z.enum(returnConditions),
  reason: z.enum(damageReasons).nullable(),
});
export type ReturnItem = z.infer<typeof returnItemSchema>;

/** A received return: linked to its order and parcel, or an unknown return (no order). */
export const returnRecordSchema = z.object({
  id: z.string(),
  orderId: z.string().nullable(),
  orderExternalId: z.string().nullable(),
  receiverName: z.string().nullable(),
  shipmentId: z.string().nullable(),
  /** The linked parcel's waybill number. */
  parcelTrackingNo: z.string().nullable(),
  carrierCode: z.string().nullable(),
  /** What was scanned on the returned parcel (kept for an unknown return: all there is to go on). */
  scanned: z.string().nullable(),
  unknown: z.boolean(),
  items: z.array(returnItemSchema),
  photos: z.array(sha256),
  note: z.string(),
  /** The bench it was received at (its photos are uploaded from there). */
  bench: benchRefSchema.nullable(),
  receivedBy: nameSaidSchema.nullable(),
  receivedAt: isoDateSchema,
  /** Who took it in although its order did not account for it (对不上仍入库, on a supervisor's authority); null: it matched. */
  confirmedBy: nameSaidSchema.nullable(),
  /** The damage reports its defective units were filed as. */
  damageReportIds: z.array(z.string()),
});
export type ReturnRecord = z.infer<typeof returnRecordSchema>;

/** What a scanned number found: the order and parcel, and what should be in the parcel. */
export const returnLookupSchema = z.object({
  ref: z.string(),
  /** `shipped`: packed and shipped here (a damage report then defaults to after delivery). */
  order: z.object({ id: z.string(), externalId: z.string(), receiverName: z.string(), buyerNick: z.string(), shipped: z.boolean() }).nullable(),
  parcel: z.object({ id: z.string(), trackingNo: z.string(), carrierCode: z.string() }).nullable(),
  /**
   * Per SKU that left in the parcel (or was ordered, when no parcel is known): `qty` the units still to
   * come back, less what earlier returns of the order brought back (`returned`).
   */
  expected: z.array(z.object({ skuCode: z.string(), skuName: z.string(), qty: z.number().int(), returned: z.number().int() })),
  /** Returns already received for this order (a second parcel of the same return, or a mistake). */
  earlier: z.array(z.object({ id: z.string(), receivedAt: isoDateSchema })),
});
export type ReturnLookup = z.infer<typeof returnLookupSchema>;

const refSchema = z.string().trim().min(1).max(80);

/** The refusals (message keys) of `returns.receive` that `confirmed` on a supervisor's authority turns: goods the order does not account for. */
export const unaccountedRefusals: ReadonlySet<string> = new Set(['returns.moreThanShipped', 'returns.notShipped']);

export const returnsContract = {
  /** Looks a returned parcel up by its tracking number, the order id or the platform's order number. */
  'returns.lookup': procedure(z.strictObject({ ref: refSchema }), z.object({ found: returnLookupSchema.nullable() })),
  /**
   * Receives a return in one transaction: good units back on the shelf, defective ones into the
   * damaged bucket with a damage report each, missing ones noted. `ref` null or (with
   * `allowUnknown`) matching nothing: kept as an unknown return. Photos were put first (photos.put).
   */
  'returns.receive': procedure(
    z.strictObject({
      ref: refSchema.nullable().default(null),
      allowUnknown: z.boolean().default(false),
      items: z
        .array(
          z.strictObject({
            skuCode: z.string().trim().min(1).max(64),
            qty: z.number().int().positive().max(100_000),
            condition: z.enum(returnConditions),
            reason: z.enum(damageReasons).nullable().default(null),
          }),
        )
        .max(RETURN_ITEMS_MAX),
      photoHashes: z.array(sha256).max(20).default([]),
      note: z.string().max(2000).default(''),
      /**
       * Taken in although the order does not account for it (more than its parcel carried, or an order
       * not shipped): refused with why unless confirmed, and then only on a supervisor's authority (login or PIN).
       */
      confirmed: z.boolean().default(false),
      authorizerPin: z.string().max(12).optional(),
    }),
    returnRecordSchema,
  ),
  /** Returns newest first; `unknown`: only those that matched no order. */
  'returns.list': procedure(
    z.strictObject({
      filter: z.enum(['all', 'unknown']).default('all'),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    }),
    z.object({ total: z.number().int(), returns: z.array(returnRecordSchema) }),
  ),
  'returns.get': procedure(z.strictObject({ id: z.string().min(1).max(100) }), returnRecordSchema),
} as const;
