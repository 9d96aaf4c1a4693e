import { z } from 'zod';
import { scanOutcomes } from '../contract/bench.contract';
import { defineOp } from './define-op';
import { entityId, int, isoTime, orderId, skuCode, text } from './fields';

/**
 * Outcomes only recorded, never a bench's answer: 'forced' (a supervisor's force-verify), and
 * 'unbound_line' (v2): an item the order may hold on a line the import gave no 商家编码, answered
 * as a wrong item until a supervisor binds it, but the file's gap, not the packer's error.
 */
export const recordedOnlyOutcomes = ['forced', 'unbound_line'] as const;

/** Every scan at a bench, right or wrong: evidence in disputes and the packers' throughput. */
export const scanRecordedOp = defineOp({
  type: 'scan.recorded',
  version: 2,
  schema: z.strictObject({
    id: entityId, orderId: orderId.nullable(), packerId: entityId.nullable(), code: text(200), outcome: z.enum([...scanOutcomes, ...recordedOnlyOutcomes]),
    skuCode: skuCode.nullable(), lineNo: int(1, 10_000).nullable(), units: int(0, 100_000), at: isoTime,
  }),
  maxBytes: 1024,
  role: 'packer',
  authorisable: false,
  // v2 only added an outcome: every v1 payload reads as it was.
  upcasters: { 1: (p) => p },
  orderOf: (p) => p.orderId,
});
