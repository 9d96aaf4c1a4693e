import { z } from 'zod';
import { defineOp } from './define-op';
import { carrierCode, entityId, grams, int, isoTime, orderId, text, trackingNo } from './fields';

const schema = z.strictObject({
  id: entityId, orderId, carrierCode, trackingNo, parcelNo: int(1, 20), parcelCount: int(1, 20), weightG: grams.nullable(),
  partial: z.boolean(), packerId: entityId, at: isoTime, groupId: entityId, orderExternalId: text(40),
});

/** A parcel with its waybill number: committed before the label prints, a physical fact from then on. */
export const shipmentCreatedOp = defineOp({
  type: 'shipment.created',
  version: 1,
  schema,
  maxBytes: 1024,
  // Shipping part of an order is a supervisor's call.
  role: (p: z.output<typeof schema>) => (p.partial ? 'supervisor' : 'packer'),
  authorisable: true,
  messages: {
    reused: 'flagText.waybillReused',
    double: 'flagText.shipDouble',
    cancelled: 'flagText.shippedCancelled',
    notLeasedPool: 'flagText.waybillInHubPool',
    leasedElsewhere: 'flagText.waybillLeasedElsewhere',
  },
  orderOf: (p) => p.orderId,
});
