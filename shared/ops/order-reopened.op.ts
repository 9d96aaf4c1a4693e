import { z } from 'zod';
import { defineOp } from './define-op';
import { orderId, required } from './fields';

/** A supervisor sends the order back to open in a new generation of its status. */
export const orderReopenedOp = defineOp({
  type: 'order.reopened',
  version: 1,
  schema: z.strictObject({ orderId, reason: required(200) }),
  maxBytes: 2048,
  role: 'supervisor',
  authorisable: true,
  orderOf: (p) => p.orderId,
});
