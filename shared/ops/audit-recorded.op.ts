import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, isoTime, text } from './fields';

const primitive = z.union([text(500), z.number().finite(), z.boolean(), z.null()]);

/**
 * Who did a permission-gated action at a bench and who authorised it. The hub checks that a named
 * authoriser is an active supervisor or admin of the shop.
 */
export const auditRecordedOp = defineOp({
  type: 'audit.recorded',
  version: 1,
  schema: z.strictObject({
    id: entityId, at: isoTime, userId: entityId.nullable(), authorizerId: entityId.nullable(),
    action: z.string().regex(/^[a-z][A-Za-z]{0,30}(\.[a-z][A-Za-z]{0,30}){0,3}$/), target: text(120),
    detail: z.record(z.string().regex(/^\w{1,40}$/), z.union([primitive, z.array(primitive).max(50)])),
  }),
  maxBytes: 4096,
  role: 'packer',
  authorisable: false,
});
