import { z } from 'zod';
import { defineOp } from './define-op';
import { barcode, int, skuCode } from './fields';

/** An unknown barcode bound to a SKU at the bench, with a supervisor's say. */
export const barcodeBoundOp = defineOp({
  type: 'barcode.bound',
  version: 1,
  schema: z.strictObject({ barcode, skuCode, units: int(1, 10_000) }),
  maxBytes: 512,
  role: 'supervisor',
  authorisable: true,
  entityOf: (p) => `barcode:${p.barcode}`,
});
