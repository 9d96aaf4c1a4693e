import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, isoTime, required } from './fields';

/** A waybill number retired with a reason; the goods go back on the shelf. */
export const shipmentVoidedOp = defineOp({
  type: 'shipment.voided',
  version: 1,
  schema: z.strictObject({ id: entityId, reason: required(200), at: isoTime }),
  maxBytes: 1024,
  role: 'supervisor',
  authorisable: true,
});
