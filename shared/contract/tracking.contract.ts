import { z } from 'zod';
import { trackingSources, trackingStates } from '../domain/tracking';
import { procedure } from '../rpc/define';
import { fileInputSchema, isoDateSchema, rowErrorSchema } from './common';

export const trackingEventSchema = z.object({ at: isoDateSchema, state: z.enum(trackingStates), text: z.string(), city: z.string() });

/** One parcel as tracking knows it at this bench: where it is, and its trace newest first. */
export const parcelTrackingSchema = z.object({
  carrierCode: z.string(),
  trackingNo: z.string(),
  /** The shop's order it carries, when this bench knows the parcel. */
  orderId: z.string().nullable(),
  orderExternalId: z.string().nullable(),
  /** The parcel was voided here (its number retired); its tracking is kept for the record. */
  voided: z.boolean(),
  handedOverAt: isoDateSchema.nullable(),
  /** null: no word of it yet. */
  state: z.enum(trackingStates).nullable(),
  source: z.enum(trackingSources).nullable(),
  destCity: z.string(),
  /** The carrier the provider (or a file) says the number belongs to, when not ours. */
  reportedCarrier: z.string().nullable(),
  acceptedAt: isoDateSchema.nullable(),
  lastEventAt: isoDateSchema.nullable(),
  deliveredAt: isoDateSchema.nullable(),
  updatedAt: isoDateSchema.nullable(),
  events: z.array(trackingEventSchema),
});
export type ParcelTracking = z.infer<typeof parcelTrackingSchema>;

export const trackingImportReportSchema = z.object({
  rowsRead: z.number().int().nonnegative(),
  parcels: z.number().int().nonnegative(),
  /** Parcels of the file this bench has no shipment for (kept all the same: the shipment may still come). */
  unknownParcels: z.number().int().nonnegative(),
  delivered: z.number().int().nonnegative(),
  /** Parcels the file says are coming back (refused, returned) and with a problem: what the owner acts on. */
  returned: z.number().int().nonnegative(),
  problem: z.number().int().nonnegative(),
  errors: z.array(rowErrorSchema),
  /** True when nothing was written because of errors. */
  rejected: z.boolean(),
});
export type TrackingImportReport = z.infer<typeof trackingImportReportSchema>;

export const trackingContract = {
  /**
   * Imports a tracking file (运单号, 快递公司, 时间, 状态, 轨迹, 城市, 目的城市; GBK or UTF-8) as a
   * supervisor, with no internet needed: each parcel's rows become one tracking.updated op every
   * bench applies. All or nothing: a bad row names its row and column and nothing is written.
   */
  'tracking.import': procedure(
    z.strictObject({ file: fileInputSchema, encoding: z.enum(['auto', 'gbk', 'utf-8']).default('auto'), authorizerPin: z.string().max(12).optional() }),
    trackingImportReportSchema,
  ),
  /** A parcel by its tracking number, or an order's parcels by its id or platform number: state and trace. */
  'tracking.status': procedure(z.strictObject({ ref: z.string().trim().min(1).max(100) }), z.object({ parcels: z.array(parcelTrackingSchema) })),
} as const;
