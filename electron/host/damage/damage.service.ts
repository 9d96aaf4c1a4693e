import { AppError } from '#shared/contract/errors';
import type { DamageReport } from '#shared/contract/damage.contract';
import { newId } from '../db/new-id';
import { inTransaction, type Db } from '../db/open-database';
import type { OutboxRepo } from '../db/outbox.repo';

type ReportRow = {
  id: string; order_id: string | null; sku_code: string; qty: number; description: string; station_id: string | null;
  decision: DamageReport['decision']; note: string | null;
};

/**
 * Damage reports: a report is written once and never changed; a supervisor's decision is its own
 * fact. The decision in force is the last the hub ordered; this station's own, not yet ordered, wins
 * locally until the hub's order arrives.
 */
export function createDamageService(deps: { db: Db; outbox: OutboxRepo; stationId: () => string; syncCursor: () => number }) {
  const { db, outbox } = deps;
  const q = {
    insert: db.prepare(`INSERT INTO damage_reports (id, order_id, sku_code, qty, description, photo_hashes, station_id, hub_seq)
      VALUES (@id, @orderId, @skuCode, @qty, @description, '[]', @stationId, NULL)`),
    decide: db.prepare(`INSERT INTO damage_decisions (id, report_id, decision, note, seen_hub_seq, station_id, hub_seq)
      VALUES (@id, @reportId, @decision, @note, @seenHubSeq, @stationId, NULL)`),
    list: db.prepare(`SELECT r.*, d.decision, d.note FROM damage_reports r LEFT JOIN damage_decisions d ON d.id = (
        SELECT id FROM damage_decisions WHERE report_id = r.id ORDER BY hub_seq IS NULL, hub_seq DESC, rowid DESC LIMIT 1)
      WHERE @id IS NULL OR r.id = @id ORDER BY r.rowid DESC LIMIT 500`),
  };
  const get = (id: string) => (q.list.all({ id }) as ReportRow[]).map(toReport)[0] ?? null;
  return {
    report(input: { orderId: string | null; skuCode: string; qty: number; description: string }): DamageReport {
      const id = newId();
      inTransaction(db, () => {
        q.insert.run({ id, ...input, stationId: deps.stationId() });
        outbox.append('damage.reported', { id, ...input, photoHashes: [] });
      });
      return get(id) as DamageReport;
    },
    decide(reportId: string, decision: NonNullable<DamageReport['decision']>, note: string): DamageReport {
      if (!get(reportId)) throw new AppError('NOT_FOUND', `报损单 ${reportId} 不存在 / damage report not found`);
      inTransaction(db, () => {
        const id = newId();
        // What this supervisor had seen: a later different decision they had not seen is a conflict.
        const seenHubSeq = deps.syncCursor();
        q.decide.run({ id, reportId, decision, note, seenHubSeq, stationId: deps.stationId() });
        outbox.append('damage.decided', { id, reportId, decision, note, seenHubSeq });
      });
      return get(reportId) as DamageReport;
    },
    list: (): DamageReport[] => (q.list.all({ id: null }) as ReportRow[]).map(toReport),
  };
}
export type DamageService = ReturnType<typeof createDamageService>;

const toReport = (r: ReportRow): DamageReport => ({
  id: r.id, orderId: r.order_id, skuCode: r.sku_code, qty: r.qty, description: r.description, stationId: r.station_id,
  decision: r.decision ?? null, decisionNote: r.note ?? null,
});
