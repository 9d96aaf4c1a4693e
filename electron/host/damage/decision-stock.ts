import { decisionCauseOf, decisionDeltaId, NO_UNITS, stockMovementOf, stockNeedOf, type BucketUnits } from '#shared/domain/damage-effects';
import type { DamageDecision } from '#shared/ops/damage-decided.op';
import type { OpPayload } from '#shared/ops/index';
import { stockBuckets, type StockBucket } from '#shared/ops/stock-delta.op';
import type { DamageReport } from '#shared/contract/damage.contract';
import type { Db } from '../db/open-database';

/**
 * The stock a decision books: what it needs (shared/domain/damage-effects) minus what the
 * decisions on the report booked so far, as this bench knows them. The movements name the report
 * in `ref`; the ledger row's reason is their cause (write-off or restock).
 */
export function createDecisionStock(db: Db) {
  const q = db.prepare(`SELECT bucket, coalesce(sum(delta), 0) AS units, count(*) AS n FROM stock_ledger
    WHERE ref = ? AND reason IN ('write-off', 'restock') GROUP BY bucket`);
  const bookedOf = (reportId: string) => {
    const units: Record<StockBucket, number> = { ...NO_UNITS };
    const known: Record<StockBucket, number> = { sellable: 0, damaged: 0 };
    for (const r of q.all(reportId) as { bucket: StockBucket; units: number; n: number }[]) {
      units[r.bucket] = r.units;
      known[r.bucket] = r.n;
    }
    return { units, known };
  };
  return {
    /** Units the decisions on a report moved, per bucket. */
    booked: (reportId: string): BucketUnits => bookedOf(reportId).units,
    /** The stock.delta payloads deciding `decision` books now (none when nothing moves). */
    movements(report: Pick<DamageReport, 'id' | 'skuCode' | 'qty' | 'source'>, decision: DamageDecision): OpPayload<'stock.delta'>[] {
      const { units, known } = bookedOf(report.id);
      const move = stockMovementOf(stockNeedOf(decision, report.source, report.qty), units);
      return stockBuckets.flatMap((bucket) => {
        const delta = move[bucket];
        if (delta === 0) return [];
        const id = decisionDeltaId(report.id, bucket, known[bucket], delta);
        return [{ id, skuCode: report.skuCode, delta, cause: decisionCauseOf(bucket, delta), ref: report.id, note: '', bucket, kind: null }];
      });
    },
  };
}
export type DecisionStock = ReturnType<typeof createDecisionStock>;
