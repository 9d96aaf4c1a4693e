import { z } from 'zod';
import { defineOp } from './define-op';
import { isoTime, trackingNo } from './fields';

/**
 * Fetched numbers printed before packing (打单拣货: print the waybills, pick with them, verify at the
 * bench). Every bench then knows the label is already on paper: the parcel that takes the number
 * ships without printing it again.
 */
export const waybillPrintedOp = defineOp({
  type: 'waybill.printed',
  version: 1,
  schema: z.strictObject({ numbers: z.array(trackingNo).min(1).max(500), at: isoTime }),
  maxBytes: 32 * 1024,
  role: 'packer',
  authorisable: false,
});
