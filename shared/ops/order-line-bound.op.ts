import { z } from 'zod';
import { defineOp } from './define-op';
import { int, orderId, skuCode } from './fields';

/**
 * An order line the export gave no 商家编码, bound at a bench to the SKU of the item a packer
 * scanned for it, with a supervisor's say: from then on that line is that SKU at every bench.
 */
export const orderLineBoundOp = defineOp({
  type: 'order.line-bound',
  version: 1,
  schema: z.strictObject({ orderId, lineNo: int(1, 10_000), skuCode }),
  maxBytes: 512,
  // Orders are master data: a packer's bench may not say what a line is on its own.
  role: 'supervisor',
  authorisable: true,
  entityOf: (p) => `order-line:${p.orderId}#${p.lineNo}`,
});
