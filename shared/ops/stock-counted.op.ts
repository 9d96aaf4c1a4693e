import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, int, skuCode } from './fields';
import { STOCK_DELTA_MAX } from './stock-delta.op';

/**
 * A cycle count is an observation: `knownQty` is the on-hand the counting station knew. The hub
 * books counted − known as a delta, so picks the counter had not seen are never erased.
 */
export const stockCountedOp = defineOp({
  type: 'stock.counted',
  version: 2,
  schema: z
    .strictObject({ id: entityId, skuCode, countedQty: int(0, 10_000_000), knownQty: int(-1_000_000_000, 1_000_000_000) })
    // The hub books counted − known as one stock.delta: a larger difference would not fit it.
    .refine((c) => Math.abs(c.countedQty - c.knownQty) <= STOCK_DELTA_MAX, { message: 'opProblem.too_big', path: ['countedQty'] }),
  maxBytes: 512,
  role: 'supervisor',
  authorisable: true,
  messages: { adjusted: 'flagText.countAdjusted' },
  upcasters: {
    // v1 also carried `basis` (cursor and unconfirmed movements) for counts without knownQty; no release sent one.
    1: ({ basis: _basis, ...rest }) => rest,
  },
});
