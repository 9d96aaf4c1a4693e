import { z } from 'zod';
import { defineOp } from './define-op';
import { carrierCode, trackingNo } from './fields';

/** Numbers per op: a big roll goes as several ops, each well under the op size cap. */
export const POOLED_PER_OP = 5000;

const schema = z.strictObject({ carrierCode, numbers: z.array(trackingNo).min(1).max(POOLED_PER_OP), source: z.enum(['import', 'held']) });

/**
 * Waybill numbers a station holds on its own: imported there (a supervisor's act), or held from
 * leases and reported again after the hub was restored from a backup (any bench).
 */
export const waybillPooledOp = defineOp({
  type: 'waybill.pooled',
  version: 3,
  schema,
  maxBytes: 256 * 1024,
  role: (p: z.output<typeof schema>) => (p.source === 'import' ? 'supervisor' : 'packer'),
  authorisable: true,
  messages: { overlap: 'flagText.waybillOverlap', notHeld: 'opRefusal.notHeld' },
  upcasters: {
    // v1 (Packdesk 0.1) recorded only the count and the first and last number of an import.
    1: (p) => ({ carrierCode: p['carrierCode'], numbers: [...new Set([p['first'], p['last']].filter((n) => typeof n === 'string'))] }),
    2: (p) => ({ ...p, source: 'import' }),
  },
});
