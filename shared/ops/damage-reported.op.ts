import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, int, requiredLong, orderId, sha256Hex, skuCode } from './fields';

/** A damage report is evidence: written once, never changed; corrections are new reports. */
export const damageReportedOp = defineOp({
  type: 'damage.reported',
  version: 1,
  schema: z.strictObject({
    id: entityId, orderId: orderId.nullable(), skuCode, qty: int(1, 100_000),
    description: requiredLong(2000), photoHashes: z.array(sha256Hex).max(20),
  }),
  maxBytes: 8192,
  role: 'packer',
  authorisable: false,
  messages: { changed: 'opRefusal.reportImmutable' },
});
