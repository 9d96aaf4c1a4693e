import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, orderId } from './fields';

/** A packer opened the order at a bench; the first claim the hub orders wins. */
export const orderClaimedOp = defineOp({
  type: 'order.claimed',
  version: 1,
  schema: z.strictObject({ orderId, claimId: entityId }),
  maxBytes: 512,
  role: 'packer',
  authorisable: false,
  messages: { conflict: 'flagText.claimConflict' },
  orderOf: (p) => p.orderId,
});
