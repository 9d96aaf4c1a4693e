import { z } from 'zod';
import { defineOp } from './define-op';
import { barcode, grams, hubSeq, int, skuCode, text } from './fields';

/**
 * A SKU with its barcodes (case packs worth N units): master data, written by supervisors. The last
 * save the hub orders stands; seenHubSeq (how far the saving bench had pulled) tells a save that
 * overwrote another bench's change unseen, which the hub flags.
 */
export const skuSavedOp = defineOp({
  type: 'sku.saved',
  version: 2,
  schema: z.strictObject({
    code: skuCode, name: text(200), weightG: grams.nullable(), location: text(64),
    barcodes: z.array(z.strictObject({ barcode, units: int(1, 10_000) })).max(50),
    seenHubSeq: hubSeq,
  }),
  // A v1 save did not say what its bench had seen: taken as having seen everything (never flagged), as before.
  upcasters: { 1: (p) => ({ ...p, seenHubSeq: Number.MAX_SAFE_INTEGER }) },
  maxBytes: 16 * 1024,
  role: 'supervisor',
  authorisable: true,
  messages: { concurrent: 'flagText.skuConcurrent' },
  entityOf: (p) => `sku:${p.code}`,
});
