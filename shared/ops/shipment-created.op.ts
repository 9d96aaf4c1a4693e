import { z } from 'zod';
import { defineOp } from './define-op';
import { damageReasons } from './damage-reported.op';
import { carrierCode, entityId, grams, int, isoTime, orderId, text, trackingNo } from './fields';

/**
 * A reship (补发): a new parcel for an order that already shipped, because a supervisor decided so
 * on a damage report. It names the report, the parcel it replaces (when known) and why.
 */
const reshipSchema = z.strictObject({ reportId: entityId, ofShipmentId: entityId.nullable(), reason: z.enum(damageReasons) });

const schema = z.strictObject({
  id: entityId, orderId, carrierCode, trackingNo, parcelNo: int(1, 20), parcelCount: int(1, 20), weightG: grams.nullable(),
  partial: z.boolean(), packerId: entityId, at: isoTime, groupId: entityId, orderExternalId: text(40),
  reship: reshipSchema.nullable(),
});

/** A parcel with its waybill number: committed before the label prints, a physical fact from then on. */
export const shipmentCreatedOp = defineOp({
  type: 'shipment.created',
  version: 2,
  schema,
  maxBytes: 1024,
  // Shipping part of an order is a supervisor's call.
  role: (p: z.output<typeof schema>) => (p.partial ? 'supervisor' : 'packer'),
  authorisable: true,
  messages: {
    reused: 'flagText.waybillReused',
    double: 'flagText.shipDouble',
    doubleReship: 'flagText.reshipDouble',
    cancelled: 'flagText.shippedCancelled',
    notLeasedPool: 'flagText.waybillInHubPool',
    leasedElsewhere: 'flagText.waybillLeasedElsewhere',
  },
  upcasters: {
    // v1 knew no reships.
    1: (p) => ({ ...p, reship: null }),
  },
  orderOf: (p) => p.orderId,
});
