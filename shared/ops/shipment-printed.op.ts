import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, isoTime } from './fields';

/** A label came out of the printer (first print or reprint). */
export const shipmentPrintedOp = defineOp({
  type: 'shipment.printed',
  version: 1,
  schema: z.strictObject({ id: entityId, at: isoTime }),
  maxBytes: 512,
  role: 'packer',
  authorisable: false,
});
