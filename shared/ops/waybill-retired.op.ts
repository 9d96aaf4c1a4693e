import { z } from 'zod';
import { defineOp } from './define-op';
import { carrierCode, entityId, trackingNo } from './fields';

/**
 * Numbers the hub took out of circulation: those a replaced PC held unused (it may have printed
 * them offline). Every station retires its copy; none is ever leased or printed again.
 */
export const waybillRetiredOp = defineOp({
  type: 'waybill.retired',
  version: 1,
  schema: z.strictObject({ carrierCode, numbers: z.array(trackingNo).min(1).max(5000), stationId: entityId }),
  maxBytes: 256 * 1024,
  role: 'hub',
  authorisable: false,
});
