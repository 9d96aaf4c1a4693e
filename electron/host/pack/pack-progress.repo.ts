import { newId } from '../db/new-id';
import type { ScanOutcome } from '#shared/contract/bench.contract';
import type { Db } from '../db/open-database';
import type { OutboxRepo } from '../db/outbox.repo';

export type ScanEvent = {
  orderId: string | null; packerId: string | null; code: string; outcome: ScanOutcome | 'forced';
  skuCode?: string | undefined; lineNo?: number | undefined; units?: number | undefined;
};

/**
 * The durable scan log and the verified count per order line. A scan, the progress it caused and its
 * outbox op are one transaction: the bench shows "verified" only after that commit.
 */
export function createPackProgressRepo(db: Db, outbox: OutboxRepo) {
  const q = {
    scan: db.prepare(`INSERT INTO scan_events (id, order_id, packer_id, code, outcome, sku_code, line_no, units, at)
      VALUES (@id, @orderId, @packerId, @code, @outcome, @skuCode, @lineNo, @units, @at)`),
    add: db.prepare(`INSERT INTO pack_progress (order_id, line_no, verified, forced) VALUES (@orderId, @lineNo, @units, @forced)
      ON CONFLICT (order_id, line_no) DO UPDATE SET verified = verified + excluded.verified, forced = max(forced, excluded.forced)`),
    of: db.prepare('SELECT line_no AS lineNo, verified, forced FROM pack_progress WHERE order_id = ?'),
    meta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  };
  const record = db.transaction((event: ScanEvent, countsToward: boolean, forced: boolean, alongside?: () => void) => {
    const row = {
      id: newId(), at: new Date().toISOString(), skuCode: null, lineNo: null, units: 0, ...stripUndefined(event),
    };
    q.scan.run(row);
    if (countsToward && event.orderId && event.lineNo !== undefined) {
      q.add.run({ orderId: event.orderId, lineNo: event.lineNo, units: event.units ?? 0, forced: forced ? 1 : 0 });
    }
    outbox.append('scan.recorded', row, row.at);
    alongside?.();
    return row.id;
  });

  return {
    /**
     * Writes one scan (and, for a verified one, the progress it adds) plus anything `alongside` writes,
     * such as an audit entry, in one transaction; returns the scan's id.
     */
    record: (event: ScanEvent, opts: { countsToward?: boolean; forced?: boolean; alongside?: () => void } = {}): string =>
      record.immediate(event, opts.countsToward ?? false, opts.forced ?? false, opts.alongside),
    progressOf: (orderId: string) => q.of.all(orderId) as { lineNo: number; verified: number; forced: number }[],
    /** The order open at this bench survives a restart. */
    openOrderId: () => (q.meta.get('bench.openOrder') as string | undefined) || null,
    setOpenOrderId: (id: string | null) => q.setMeta.run('bench.openOrder', id ?? ''),
  };
}
export type PackProgressRepo = ReturnType<typeof createPackProgressRepo>;

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
