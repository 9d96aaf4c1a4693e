import { z } from 'zod';
import { scanOutcomes } from '../contract/bench.contract';
import { defineOp } from './define-op';
import { entityId, int, isoTime, orderId, skuCode, text } from './fields';

/** Every scan at a bench, right or wrong: evidence in disputes and the packers' throughput. */
export const scanRecordedOp = defineOp({
  type: 'scan.recorded',
  version: 1,
  schema: z.strictObject({
    id: entityId, orderId: orderId.nullable(), packerId: entityId.nullable(), code: text(200), outcome: z.enum([...scanOutcomes, 'forced']),
    skuCode: skuCode.nullable(), lineNo: int(1, 10_000).nullable(), units: int(0, 100_000), at: isoTime,
  }),
  maxBytes: 1024,
  role: 'packer',
  authorisable: false,
  orderOf: (p) => p.orderId,
});
