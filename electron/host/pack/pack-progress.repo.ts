import { newId } from '../db/new-id';
import type { ScanOutcome } from '#shared/contract/bench.contract';
import type { recordedOnlyOutcomes } from '#shared/ops/scan-recorded.op';
import type { Db } from '../db/open-database';
import { inTurn } from '../db/write-turns';
import type { OpRecorder } from '../ops/op-recorder';

export type ScanEvent = {
  orderId: string | null; packerId: string | null; code: string; outcome: ScanOutcome | (typeof recordedOnlyOutcomes)[number];
  skuCode?: string | undefined; lineNo?: number | undefined; units?: number | undefined;
  /** Whose progress a verified scan counts toward when not the order's own lines: a reship of it (`reship:<report>`). */
  progressKey?: string | undefined;
};

/**
 * The verified count per order line, recorded with the scan that caused it (scan.recorded): the
 * scan, its progress and its outbox op are one transaction, and the bench shows "verified" only
 * after that commit.
 */
export function createPackProgressRepo(db: Db, recorder: OpRecorder) {
  const q = {
    add: db.prepare(`INSERT INTO pack_progress (order_id, line_no, verified, forced) VALUES (@orderId, @lineNo, @units, @forced)
      ON CONFLICT (order_id, line_no) DO UPDATE SET verified = verified + excluded.verified, forced = max(forced, excluded.forced)`),
    of: db.prepare('SELECT line_no AS lineNo, verified, forced FROM pack_progress WHERE order_id = ?'),
    meta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  };
  const record = db.transaction((event: ScanEvent, countsToward: boolean, forced: boolean, alongside?: () => void) => {
    const row = {
      id: newId(), at: new Date().toISOString(), orderId: event.orderId, packerId: event.packerId, code: event.code, outcome: event.outcome,
      skuCode: event.skuCode ?? null, lineNo: event.lineNo ?? null, units: event.units ?? 0,
    };
    recorder.record('scan.recorded', row, { at: row.at });
    if (countsToward && event.orderId && event.lineNo !== undefined) {
      q.add.run({ orderId: event.progressKey ?? event.orderId, lineNo: event.lineNo, units: event.units ?? 0, forced: forced ? 1 : 0 });
    }
    alongside?.();
    return row.id;
  });

  return {
    /**
     * Writes one scan (and, for a verified one, the progress it adds) plus anything `alongside` writes,
     * such as an audit entry, in one transaction; returns the scan's id.
     */
    record: (event: ScanEvent, opts: { countsToward?: boolean; forced?: boolean; alongside?: () => void } = {}): string =>
      inTurn(db, () => record.immediate(event, opts.countsToward ?? false, opts.forced ?? false, opts.alongside)),
    /** Verified units per line of an order (or of a reship, by its progress key). */
    progressOf: (orderId: string) => q.of.all(orderId) as { lineNo: number; verified: number; forced: number }[],
    /** The order open at this bench survives a restart. */
    openOrderId: () => (q.meta.get('bench.openOrder') as string | undefined) || null,
    setOpenOrderId: (id: string | null) => q.setMeta.run('bench.openOrder', id ?? ''),
  };
}
export type PackProgressRepo = ReturnType<typeof createPackProgressRepo>;
