import { z } from 'zod';
import { defineOp } from './define-op';
import { carrierCode, entityId } from './fields';

/**
 * A courier handover (交接) opened for one carrier: the shop's, not the bench's, so a phone or
 * another bench can scan into it or close it once the op has reached them.
 */
export const handoverOpenedOp = defineOp({
  type: 'handover.opened',
  version: 1,
  schema: z.strictObject({ id: entityId, carrierCode }),
  maxBytes: 512,
  role: 'packer',
  authorisable: false,
});
