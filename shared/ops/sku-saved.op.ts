import { z } from 'zod';
import { defineOp } from './define-op';
import { barcode, grams, hubSeq, int, skuCode, text } from './fields';

/** The highest 安全库存 a SKU may have (the stock movements' own cap). */
export const SAFETY_STOCK_MAX = 1_000_000;

/**
 * A SKU with its barcodes (case packs worth N units): master data, written by supervisors. The last
 * save the hub orders stands; seenHubSeq (how far the saving bench had pulled) tells a save that
 * overwrote another bench's change unseen, which the hub flags. safetyStock (安全库存, v3): the
 * shelf level at or below which the SKU is flagged for reordering; null, none.
 */
export const skuSavedOp = defineOp({
  type: 'sku.saved',
  version: 3,
  schema: z.strictObject({
    code: skuCode, name: text(200), weightG: grams.nullable(), location: text(64),
    barcodes: z.array(z.strictObject({ barcode, units: int(1, 10_000) })).max(50),
    seenHubSeq: hubSeq,
    safetyStock: int(0, SAFETY_STOCK_MAX).nullable(),
  }),
  // A v1 save did not say what its bench had seen: taken as having seen everything (never flagged), as before.
  upcasters: {
    1: (p) => ({ ...p, seenHubSeq: Number.MAX_SAFE_INTEGER }),
    // A v2 save knew no 安全库存: the SKU it saves has none (a bench on an older build parks a v3 until it upgrades).
    2: (p) => ({ ...p, safetyStock: null }),
  },
  maxBytes: 16 * 1024,
  role: 'supervisor',
  authorisable: true,
  messages: { concurrent: 'flagText.skuConcurrent' },
  entityOf: (p) => `sku:${p.code}`,
});
