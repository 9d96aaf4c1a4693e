import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import type { DamageReport } from '#shared/contract/damage.contract';
import { newId } from '../db/new-id';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';
import type { Actor } from '../session/session.service';

type ReportRow = {
  id: string; order_id: string | null; sku_code: string; qty: number; description: string; station_id: string | null;
  decision: DamageReport['decision']; note: string | null;
};

/**
 * Damage reports: a report is written once and never changed; a supervisor's decision is its own
 * fact. The decision in force is the last the hub ordered; this station's own, not yet ordered, wins
 * locally until the hub's order arrives.
 */
export function createDamageService(deps: { db: Db; recorder: OpRecorder; syncCursor: () => number }) {
  const { db, recorder } = deps;
  const q = {
    list: db.prepare(`SELECT r.*, d.decision, d.note FROM damage_reports r LEFT JOIN damage_decisions d ON d.id = (
        SELECT id FROM damage_decisions WHERE report_id = r.id ORDER BY hub_seq IS NULL, hub_seq DESC, rowid DESC LIMIT 1)
      WHERE @id IS NULL OR r.id = @id ORDER BY r.rowid DESC LIMIT 500`),
  };
  const get = (id: string) => (q.list.all({ id }) as ReportRow[]).map(toReport)[0] ?? null;
  return {
    report(input: { orderId: string | null; skuCode: string; qty: number; description: string }, actor: Actor): DamageReport {
      const id = newId();
      inTransaction(db, () => recorder.record('damage.reported', { id, ...input, photoHashes: [] }, { actor }));
      return get(id) as DamageReport;
    },
    decide(reportId: string, decision: NonNullable<DamageReport['decision']>, note: string, actor: Actor): DamageReport {
      if (!get(reportId)) throw new AppError('NOT_FOUND', msg('damage.reportNotFound', { id: reportId }));
      // What this supervisor had seen: a later different decision they had not seen is a conflict.
      inTransaction(db, () => recorder.record('damage.decided', { id: newId(), reportId, decision, note, seenHubSeq: deps.syncCursor() }, { actor }));
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
