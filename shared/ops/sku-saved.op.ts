import { z } from 'zod';
import { defineOp } from './define-op';
import { barcode, grams, int, skuCode, text } from './fields';

/** A SKU with its barcodes (case packs worth N units): master data, written by supervisors. */
export const skuSavedOp = defineOp({
  type: 'sku.saved',
  version: 1,
  schema: z.strictObject({
    code: skuCode, name: text(200), weightG: grams.nullable(), location: text(64),
    barcodes: z.array(z.strictObject({ barcode, units: int(1, 10_000) })).max(50),
  }),
  maxBytes: 16 * 1024,
  role: 'supervisor',
  authorisable: true,
  entityOf: (p) => `sku:${p.code}`,
});
