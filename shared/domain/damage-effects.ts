import type { DamageDecision } from '../ops/damage-decided.op';
import type { damageSources } from '../ops/damage-reported.op';
import type { StockBucket } from '../ops/stock-delta.op';

type DamageSource = (typeof damageSources)[number];
/** Units per bucket, relative to where the report found them. */
export type BucketUnits = Record<StockBucket, number>;

export const NO_UNITS: BucketUnits = Object.freeze({ sellable: 0, damaged: 0 });

/**
 * Where a decision leaves a report's units, counted from where the report found them: a unit found
 * at the bench or on the shelf is still counted on the shelf, one returned defective already sits
 * in the damaged bucket, one delivered is gone. Only two decisions move stock: a write-off takes a
 * shelf unit into the damaged bucket, a restock puts a returned one back on the shelf. Every other
 * decision (and a write-off of a unit already apart, a restock of one still on the shelf) leaves
 * the units where the report found them: a decision that replaces a write-off undoes it.
 */
export function stockNeedOf(decision: DamageDecision, source: DamageSource, qty: number): BucketUnits {
  if (decision === 'write-off' && (source === 'bench' || source === 'shelf')) return { sellable: -qty, damaged: qty };
  if (decision === 'restock' && source === 'return') return { sellable: qty, damaged: -qty };
  return NO_UNITS;
}

/**
 * What a decision books now: what it needs minus what earlier decisions on the report booked, so a
 * supervisor who changes write-off to restock gets the unit back on the shelf, and the ledger adds
 * up whatever the order of decisions.
 */
export function stockMovementOf(need: BucketUnits, booked: BucketUnits): BucketUnits {
  return { sellable: need.sellable - booked.sellable, damaged: need.damaged - booked.damaged };
}

/**
 * The id of one booked movement: the report, the bucket, how many movements of it this station
 * knew, and the amount. Two supervisors who decide the same thing without seeing each other
 * compute the same id from the same knowledge, and the ledger (which keeps one row per id) books it
 * once; a decision taken on other knowledge gets an id of its own.
 */
export const decisionDeltaId = (reportId: string, bucket: StockBucket, known: number, delta: number): string => `${reportId}:${bucket}:${known}:${delta}`;

/** The ledger cause of a movement: units going into the damaged bucket are written off, units coming out are restocked. */
export const decisionCauseOf = (bucket: StockBucket, delta: number): 'write-off' | 'restock' =>
  (bucket === 'damaged') === delta > 0 ? 'write-off' : 'restock';
