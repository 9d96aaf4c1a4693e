import { z } from 'zod';
import { defineOp } from './define-op';
import { barcode, hubSeq, int, skuCode } from './fields';

/**
 * An unknown barcode bound to a SKU at the bench, with a supervisor's say. seenHubSeq (how far the
 * bench had pulled) tells a bind that overwrote another bench's bind of the same barcode unseen.
 */
export const barcodeBoundOp = defineOp({
  type: 'barcode.bound',
  version: 2,
  schema: z.strictObject({ barcode, skuCode, units: int(1, 10_000), seenHubSeq: hubSeq }),
  // A v1 bind did not say what its bench had seen: taken as having seen everything (never flagged), as before.
  upcasters: { 1: (p) => ({ ...p, seenHubSeq: Number.MAX_SAFE_INTEGER }) },
  maxBytes: 512,
  role: 'supervisor',
  authorisable: true,
  messages: { concurrent: 'flagText.barcodeConcurrent' },
  entityOf: (p) => `barcode:${p.barcode}`,
});
