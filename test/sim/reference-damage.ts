import { stockNeedOf } from '#shared/domain/damage-effects';
import type { OpPayload } from '#shared/ops/index';
import type { DamageDecision } from '#shared/ops/damage-decided.op';
import type { LogRow } from './reference-model';
import { readEntry } from './reference-model';

/**
 * What decisions do to stock (issue 8), from the spec: a write-off takes a unit found at the bench
 * or on the shelf into the damaged bucket, a restock takes a returned one back onto the shelf, and
 * a decision that replaces another books only the difference. So once the shop is quiet, the
 * write-off and restock movements naming a report add up to what the decision in force (the last
 * by hub_seq) needs, per bucket, unless supervisors decided that report blind (flagged): then the
 * books may hold either's, and deciding again puts them right. Returns a problem per report that
 * does not add up.
 */
export function damageStockProblems(log: readonly LogRow[], conflicted: ReadonlySet<string>): string[] {
  const reports = new Map<string, OpPayload<'damage.reported'>>();
  const inForce = new Map<string, DamageDecision>();
  const booked = new Map<string, { sellable: number; damaged: number }>();
  const seen = new Set<string>();
  for (const e of log) {
    if (e.outcome === 'parked') continue;
    const read = readEntry(e);
    if (read.kind !== 'known') continue;
    if (read.type === 'damage.reported') {
      const p = read.payload as OpPayload<'damage.reported'>;
      if (!reports.has(p.id)) reports.set(p.id, p);
    } else if (read.type === 'damage.decided') {
      const p = read.payload as OpPayload<'damage.decided'>;
      inForce.set(p.reportId, p.decision);
    } else if (read.type === 'stock.delta') {
      const p = read.payload as OpPayload<'stock.delta'>;
      // The ledger keeps one row per movement id, whoever sent it and however often.
      if (seen.has(p.id) || (p.cause !== 'write-off' && p.cause !== 'restock') || p.ref === null) continue;
      seen.add(p.id);
      const b = booked.get(p.ref) ?? { sellable: 0, damaged: 0 };
      b[p.bucket] += p.delta;
      booked.set(p.ref, b);
    }
  }
  const problems: string[] = [];
  for (const [reportId, decision] of inForce) {
    const report = reports.get(reportId);
    if (!report || conflicted.has(reportId)) continue;
    const need = stockNeedOf(decision, report.source, report.qty);
    const got = booked.get(reportId) ?? { sellable: 0, damaged: 0 };
    if (got.sellable !== need.sellable || got.damaged !== need.damaged) {
      problems.push(`report ${reportId} (${report.source}, ${report.qty}): ${decision} in force needs ${JSON.stringify(need)}, the ledger booked ${JSON.stringify(got)}`);
    }
  }
  return problems;
}
