import { z } from 'zod';
import { defineOp } from './define-op';
import { carrierCode, entityId, trackingNo } from './fields';

/** Numbers the hub carved out of its pool for one station; never leased again. */
export const waybillLeasedOp = defineOp({
  type: 'waybill.leased',
  version: 1,
  schema: z.strictObject({ leaseId: entityId, stationId: entityId, carrierCode, numbers: z.array(trackingNo).min(1).max(5000) }),
  maxBytes: 256 * 1024,
  role: 'hub',
  authorisable: false,
});
