import { z } from 'zod';
import { defineOp } from './define-op';
import { isoTime, trackingNo } from './fields';

const schema = z.strictObject({
  trackingNo,
  /** not-found: the provider had no live number by it (already cancelled, or expired): as good as cancelled. */
  outcome: z.enum(['cancelled', 'not-found']),
  issuer: z.enum(['station', 'hub']),
  at: isoTime,
});

/** The provider confirmed a number is cancelled: every bench stops showing it as waiting. */
export const waybillCancelledOp = defineOp({
  type: 'waybill.cancelled',
  version: 1,
  schema,
  maxBytes: 512,
  role: (p: z.output<typeof schema>) => (p.issuer === 'hub' ? 'hub' : 'packer'),
  authorisable: false,
});
