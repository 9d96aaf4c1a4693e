import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, isoTime, orderId, required } from './fields';

/** Parcels of one order one release may answer; an order is never voided more often than this. */
export const RELEASED_MAX_VOIDS = 50;

/**
 * A supervisor's 恢复发货: the order voided as 订单取消/退款 may ship again after all. It names the
 * voids it answers, so a later cancel void of the same order holds it again whatever order the
 * stations hear of them in.
 */
export const orderReleasedOp = defineOp({
  type: 'order.released',
  version: 1,
  schema: z.strictObject({
    orderId,
    shipmentIds: z.array(entityId).min(1).max(RELEASED_MAX_VOIDS),
    reason: required(200),
    at: isoTime,
  }),
  // 50 ids of 36 characters and a 200-character reason, with room to spare.
  maxBytes: 4096,
  role: 'supervisor',
  authorisable: true,
});
