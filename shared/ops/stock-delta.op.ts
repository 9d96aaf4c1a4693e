import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, int, skuCode, text } from './fields';

/** Why stock moved: a parcel left, a void put it back, a count corrected it (hub), or a supervisor adjusted it. */
export const stockCauses = ['ship', 'void', 'count', 'adjust'] as const;
const LEGACY_CAUSE: Readonly<Record<string, (typeof stockCauses)[number]>> = { shipped: 'ship', void: 'void', count: 'count' };

/** The largest movement one op books (a count's adjustment too). */
export const STOCK_DELTA_MAX = 1_000_000;

const schema = z
  .strictObject({
    id: entityId, skuCode, delta: int(-STOCK_DELTA_MAX, STOCK_DELTA_MAX), cause: z.enum(stockCauses), ref: entityId.nullable(), note: text(200),
  })
  .refine((d) => d.delta !== 0, { message: 'opProblem.zero', path: ['delta'] })
  // A parcel takes stock out and its void puts it back, always naming that parcel.
  .refine((d) => (d.cause === 'ship' ? d.delta < 0 && d.ref !== null : d.cause === 'void' ? d.delta > 0 && d.ref !== null : true), {
    message: 'opProblem.stockRef',
    path: ['ref'],
  });

/** A signed stock movement: the ledger only ever gains entries, so sums commute across stations. */
export const stockDeltaOp = defineOp({
  type: 'stock.delta',
  version: 2,
  schema,
  maxBytes: 1024,
  role: (d: z.output<typeof schema>) => (d.cause === 'count' ? 'hub' : d.cause === 'adjust' ? 'supervisor' : 'packer'),
  authorisable: true,
  messages: { negative: 'flagText.stockNegative', notOwnParcel: 'opRefusal.notOwnParcel' },
  upcasters: {
    // v1 carried one free-text reason: the bench's own words ('shipped', 'void', 'count') or a supervisor's.
    1: (p) => {
      const reason = typeof p['reason'] === 'string' ? p['reason'] : '';
      const cause = LEGACY_CAUSE[reason] ?? 'adjust';
      return { id: p['id'], skuCode: p['skuCode'], delta: p['delta'], cause, ref: p['ref'] ?? null, note: cause === 'adjust' ? reason : '' };
    },
  },
});
