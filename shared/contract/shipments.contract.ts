import { z } from 'zod';
import { messageSchema } from '../i18n/message';
import { trackingStates } from '../domain/tracking';
import { damageReasons } from '../ops/damage-reported.op';
import { procedure } from '../rpc/define';
import { gramsSchema, isoDateSchema } from './common';
import { printResultSchema } from './devices.contract';

export const shipmentSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  orderExternalId: z.string(),
  carrierCode: z.string(),
  carrierName: z.string(),
  trackingNo: z.string(),
  parcelNo: z.number().int(),
  parcelCount: z.number().int(),
  weightG: gramsSchema.nullable(),
  packerName: z.string(),
  createdAt: isoDateSchema,
  printedAt: isoDateSchema.nullable(),
  printCount: z.number().int(),
  voidedAt: isoDateSchema.nullable(),
  voidReason: z.string().nullable(),
  /** Format check of the number against the carrier's known patterns (a warning, never a block). */
  trackingWarning: messageSchema.nullable(),
  exportedAt: isoDateSchema.nullable(),
  /** Where the parcel is, as tracking last said (provider or imported file); null before any word of it. */
  tracking: z.object({ state: z.enum(trackingStates), lastEventAt: isoDateSchema.nullable() }).nullable(),
  /** A reship (补发) parcel: the damage report it answers, why, and the parcel it replaces. */
  reship: z.object({ reportId: z.string(), reason: z.enum(damageReasons), ofTrackingNo: z.string().nullable() }).nullable(),
});
export type Shipment = z.infer<typeof shipmentSchema>;

export const shipmentsContract = {
  /** Shipments, newest first, searchable by order id, tracking number or receiver. */
  'shipments.list': procedure(
    z.object({
      query: z.string().max(100).default(''),
      state: z.enum(['all', 'active', 'void', 'not-exported']).default('all'),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    z.object({ total: z.number().int(), shipments: z.array(shipmentSchema) }),
  ),
  /** Prints the same label again with the same number; counts reprints. */
  'shipments.reprint': procedure(z.object({ id: z.string() }), z.object({ shipment: shipmentSchema, print: printResultSchema })),
  /** Retires a shipment's waybill number with a reason; the order can be shipped again with a new number. */
  'shipments.void': procedure(
    z.object({ id: z.string(), reason: z.string().trim().min(2).max(200), authorizerPin: z.string().optional() }),
    shipmentSchema,
  ),
  /** The 批量发货 file (订单编号, 物流公司, 运单号) for upload to the shop platform. */
  'shipments.exportBatchShip': procedure(
    z.object({ encoding: z.enum(['gbk', 'utf-8']).default('gbk'), onlyNotExported: z.boolean().default(true) }),
    z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  ),
} as const;
