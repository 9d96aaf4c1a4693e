import { z } from 'zod';
import { defineOp } from './define-op';
import { isoTime, trackingNo } from './fields';

/**
 * A provider-issued number should be cancelled at the provider (取消单号): its parcel was voided, or
 * a supervisor cancelled a number no parcel will use. Whoever holds the provider account (the hub,
 * or the station that fetched it) sends the cancel when online, retrying until the provider answers.
 */
export const waybillCancelRequestedOp = defineOp({
  type: 'waybill.cancel-requested',
  version: 1,
  schema: z.strictObject({ trackingNo, reason: z.enum(['voided', 'unused']), at: isoTime }),
  maxBytes: 512,
  role: 'packer',
  authorisable: false,
});
