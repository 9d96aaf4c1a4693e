import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, int, skuCode, text } from './fields';

/**
 * Why stock moved: a parcel left, a void put it back, a count corrected it (hub), a supervisor
 * adjusted it, wrote a damaged unit off the shelf or put one back, a returned parcel brought units
 * in, or a supervisor disposed of damaged units (报废).
 */
export const stockCauses = ['ship', 'void', 'count', 'adjust', 'write-off', 'restock', 'return', 'dispose'] as const;
/**
 * Why a supervisor adjusted stock, as data so every reader sees it in their own language (the
 * note keeps their own words). A damaged adjustment moves units from the shelf into the damaged bucket.
 */
export const adjustKinds = ['received', 'count', 'damaged', 'returned', 'other'] as const;
export type AdjustKind = (typeof adjustKinds)[number];
/** Where disposed damaged units went: thrown away, or sent back to the supplier. */
export const disposeKinds = ['discarded', 'supplier'] as const;
export type DisposeKind = (typeof disposeKinds)[number];
const stockKinds = [...adjustKinds, ...disposeKinds] as const;

/**
 * The dialog's chips as v3 saved them, in the saver's language (every text they ever had, frozen
 * here rather than read from today's catalog, so every station upcasts an old op alike).
 */
const LEGACY_CHIPS: Readonly<Record<string, AdjustKind>> = {
  'Goods received': 'received', 到货入库: 'received',
  'Stock count correction': 'count', 盘点更正: 'count',
  'Damaged, written off': 'damaged', 破损报废: 'damaged',
  'Customer return': 'returned', 退货入库: 'returned',
};
/** An adjustment's free-text reason from before kinds: a chip's text is that kind; other words stay as the note. */
export function legacyAdjustReason(note: string): { kind: AdjustKind; note: string } {
  const kind = LEGACY_CHIPS[note.trim()];
  return kind ? { kind, note: '' } : { kind: 'other', note };
}
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
    /** A supervisor's adjustment or disposal says why as a kind; every other cause carries none. */
    kind: z.enum(stockKinds).nullable(),
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
  .refine((d) => d.bucket === 'sellable' || ['write-off', 'restock', 'return', 'adjust', 'dispose'].includes(d.cause), { message: 'opProblem.stockBucket', path: ['bucket'] })
  // A disposal only ever takes units out of the damaged bucket, on a supervisor's word alone.
  .refine((d) => d.cause !== 'dispose' || (d.bucket === 'damaged' && d.delta < 0 && d.ref === null), { message: 'opProblem.stockDispose', path: ['delta'] })
  .refine((d) => kindFits(d.cause, d.kind), { message: 'opProblem.stockKind', path: ['kind'] });

function kindFits(cause: (typeof stockCauses)[number], kind: (typeof stockKinds)[number] | null): boolean {
  if (cause === 'adjust') return (adjustKinds as readonly string[]).includes(kind ?? '');
  if (cause === 'dispose') return (disposeKinds as readonly string[]).includes(kind ?? '');
  return kind === null;
}

/** Who may move stock for each cause: returns are received at a bench; decisions are a supervisor's. */
const ROLE_OF_CAUSE = {
  ship: 'packer', void: 'packer', return: 'packer', count: 'hub', adjust: 'supervisor', 'write-off': 'supervisor', restock: 'supervisor', dispose: 'supervisor',
} as const;

/** A signed stock movement: the ledger only ever gains entries, so sums commute across stations. */
export const stockDeltaOp = defineOp({
  type: 'stock.delta',
  version: 4,
  schema,
  maxBytes: 1024,
  role: (d: z.output<typeof schema>) => ROLE_OF_CAUSE[d.cause],
  authorisable: true,
  messages: { negative: 'flagText.stockNegative', damagedNegative: 'flagText.damagedNegative', notOwnParcel: 'opRefusal.notOwnParcel', notOwnReturn: 'opRefusal.notOwnReturn' },
  upcasters: {
    // v1 carried one free-text reason: the bench's own words ('shipped', 'void', 'count') or a supervisor's.
    1: (p) => {
      const reason = typeof p['reason'] === 'string' ? p['reason'] : '';
      const cause = LEGACY_CAUSE[reason] ?? 'adjust';
      return { id: p['id'], skuCode: p['skuCode'], delta: p['delta'], cause, ref: p['ref'] ?? null, note: cause === 'adjust' ? reason : '' };
    },
    // v2 knew only the shelf.
    2: (p) => ({ ...p, bucket: 'sellable' }),
    // v3 kept an adjustment's reason as prose in the saver's language; a chip's text is read as its kind.
    3: (p) => (p['cause'] === 'adjust' && typeof p['note'] === 'string' ? { ...p, ...legacyAdjustReason(p['note']) } : { ...p, kind: null }),
  },
});
