import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, int, skuCode, text } from './fields';

/**
 * Why stock moved: a parcel left, a void put it back, a count corrected it (hub), a supervisor
 * adjusted it, wrote a damaged unit off the shelf or put one back, or a returned parcel brought units in.
 */
export const stockCauses = ['ship', 'void', 'count', 'adjust', 'write-off', 'restock', 'return'] as const;
/** Where the units are: on the shelf (what orders ship from), or kept apart as damaged. */
export const stockBuckets = ['sellable', 'damaged'] as const;
export type StockBucket = (typeof stockBuckets)[number];
const LEGACY_CAUSE: Readonly<Record<string, (typeof stockCauses)[number]>> = { shipped: 'ship', void: 'void', count: 'count' };

/** The largest movement one op books (a count's adjustment too). */
export const STOCK_DELTA_MAX = 1_000_000;

const schema = z
  .strictObject({
    id: entityId, skuCode, delta: int(-STOCK_DELTA_MAX, STOCK_DELTA_MAX), cause: z.enum(stockCauses), ref: entityId.nullable(), note: text(200),
    bucket: z.enum(stockBuckets),
  })
  .refine((d) => d.delta !== 0, { message: 'opProblem.zero', path: ['delta'] })
  // A parcel takes stock out and its void puts it back, always naming that parcel.
  .refine((d) => (d.cause === 'ship' ? d.delta < 0 && d.ref !== null : d.cause === 'void' ? d.delta > 0 && d.ref !== null : true), {
    message: 'opProblem.stockRef',
    path: ['ref'],
  })
  // A decision or a return always names what it acted on (the damage report, the return).
  .refine((d) => !['write-off', 'restock', 'return'].includes(d.cause) || d.ref !== null, { message: 'opProblem.stockRef', path: ['ref'] })
  // Parcels and counts are about the shelf; the damaged bucket moves only by a decision or a return.
  .refine((d) => d.bucket === 'sellable' || ['write-off', 'restock', 'return', 'adjust'].includes(d.cause), { message: 'opProblem.stockBucket', path: ['bucket'] });

/** Who may move stock for each cause: returns are received at a bench; decisions are a supervisor's. */
const ROLE_OF_CAUSE = { ship: 'packer', void: 'packer', return: 'packer', count: 'hub', adjust: 'supervisor', 'write-off': 'supervisor', restock: 'supervisor' } as const;

/** A signed stock movement: the ledger only ever gains entries, so sums commute across stations. */
export const stockDeltaOp = defineOp({
  type: 'stock.delta',
  version: 3,
  schema,
  maxBytes: 1024,
  role: (d: z.output<typeof schema>) => ROLE_OF_CAUSE[d.cause],
  authorisable: true,
  messages: { negative: 'flagText.stockNegative', notOwnParcel: 'opRefusal.notOwnParcel', notOwnReturn: 'opRefusal.notOwnReturn' },
  upcasters: {
    // v1 carried one free-text reason: the bench's own words ('shipped', 'void', 'count') or a supervisor's.
    1: (p) => {
      const reason = typeof p['reason'] === 'string' ? p['reason'] : '';
      const cause = LEGACY_CAUSE[reason] ?? 'adjust';
      return { id: p['id'], skuCode: p['skuCode'], delta: p['delta'], cause, ref: p['ref'] ?? null, note: cause === 'adjust' ? reason : '' };
    },
    // v2 knew only the shelf.
    2: (p) => ({ ...p, bucket: 'sellable' }),
  },
});
