import { AppError } from '#shared/contract/errors';
import { columnMappingSchema, type ColumnMapping, type ImportReport } from '#shared/contract/orders.contract';
import { msg } from '#shared/i18n/message';
import { RELEASED_MAX_VOIDS } from '#shared/ops/order-released.op';
import type { StationRole } from '#shared/contract/hub.contract';
import { inTransaction, type Db } from '../db/open-database';
import { newTurns, shareWrites } from '../db/write-turns';
import type { OpRecorder } from '../ops/op-recorder';
import type { Actor } from '../session/session.service';
import type { ImportFile } from './import/detect-format';
import { createImportParser, type ParsedImport } from './import-parse.client';
import { bulkSliceRan, scanClock } from '../workers/yield-to-scans';
import type { OrdersRepo } from './orders.repo';

export type ImportProgress = (phase: 'reading' | 'parsing' | 'writing', done: number, total: number) => void;

/**
 * Orders in: a platform export is parsed completely first, off the main thread (decode, rows,
 * each order's op held to its schema); any row error rejects the whole file with every problem
 * listed and nothing written, and a clean file is written, also off the main thread, in short
 * transactions with its outbox ops, so the bench's scans go on between them.
 * Re-importing the same file changes nothing; a newer export applies status changes (a cancelled
 * order becomes blocked at the bench).
 */
export function createOrdersService(deps: {
  db: Db; repo: OrdersRepo; recorder: OpRecorder; shipPromiseHours: () => number;
  /** This station's id and its role at its hub (null while it works alone), for the ops the import records. */
  station: () => { id: string; role: StationRole | null };
  /** The import's worker appended ops (sync hears of them). */
  opsAppended: () => void;
}) {
  const { db, repo, recorder } = deps;
  const liveParcels = db.prepare('SELECT count(*) FROM shipments WHERE order_id = ? AND voided_at IS NULL').pluck();
  const mappingQ = {
    all: db.prepare('SELECT mapping FROM import_mappings ORDER BY name').pluck(),
    one: db.prepare('SELECT mapping FROM import_mappings WHERE name = ?').pluck(),
    put: db.prepare('INSERT INTO import_mappings (name, mapping) VALUES (@name, @mapping) ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping'),
  };
  /** A saved mapping, or null (the parse refuses a mapped CSV whose mapping is not found, by name). */
  const storedMapping = (name: string): ColumnMapping | null => {
    const raw = mappingQ.one.get(name) as string | undefined;
    return raw ? columnMappingSchema.parse(JSON.parse(raw)) : null;
  };
  const parser = createImportParser();

  /**
   * Has the worker write the parsed orders on its own connection (import-write.ts), this
   * database's main-thread transactions taking turns with it meanwhile (write-turns.ts). The
   * connections' own WAL checkpoints are off while it writes (the worker runs them between its
   * slices): one falling due on a scan's commit would hold the scan for tens of milliseconds.
   */
  async function write(parsed: ParsedImport, progress: ImportProgress, actor: Actor | null, at: string) {
    const total = parsed.outcome.ordersRead;
    progress('writing', 0, total);
    const turns = newTurns();
    const sharing = shareWrites(db, turns);
    const checkpointEvery = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    db.pragma('wal_autocheckpoint = 0');
    try {
      const { id, role } = deps.station();
      return await parsed.write({ dbFile: db.name, stationId: id, stationRole: role, actor, at, turns, scanClock }, {
        grant: sharing.grant,
        wrote: (done) => {
          bulkSliceRan();
          deps.opsAppended();
          progress('writing', done, total);
        },
      });
    } finally {
      sharing.end();
      db.pragma(`wal_autocheckpoint = ${checkpointEvery}`);
      deps.opsAppended();
    }
  }

  return {
    async import(files: ImportFile[], mappingName: string | undefined, progress: ImportProgress, actor: Actor | null): Promise<ImportReport> {
      progress('reading', 0, files.length);
      // Everything is parsed and held to the op schema (in the worker) before the first write.
      const at = new Date().toISOString();
      const deadlineHours = deps.shipPromiseHours();
      const parsed = await parser.parse(
        { files, mapping: mappingName === undefined ? null : storedMapping(mappingName), mappingName: mappingName ?? null, shipPromiseHours: deadlineHours, at },
        (done, total) => progress('parsing', done, total),
      );
      const { outcome } = parsed;
      const base = { format: outcome.format, ordersRead: outcome.ordersRead, errors: outcome.errors, notices: outcome.notices };
      try {
        if (outcome.errors.length > 0) {
          return { ...base, created: 0, updated: 0, unchanged: 0, statusChanges: 0, linesWithoutSku: { count: 0, lines: [] }, rejected: true };
        }
        const { deadlinesSet, deadlinesKept, ...written } = await write(parsed, progress, actor, at);
        progress('writing', outcome.ordersRead, outcome.ordersRead);
        const notices = [...outcome.notices, ...deadlineNotices(deadlinesSet, deadlinesKept, deadlineHours)];
        return { ...base, ...written, notices, rejected: false };
      } finally {
        parsed.close();
      }
    },
    saveMapping(m: ColumnMapping) {
      mappingQ.put.run({ name: m.name, mapping: JSON.stringify(m) });
      return { name: m.name };
    },
    /**
     * Supervisor: the order's status starts again in a new generation, at every station. Its live
     * labels must be voided first (that puts the goods back and frees the order for the bench), so
     * a second parcel is always a deliberate, visible act.
     */
    reopen(id: string, reason: string, actor: Actor): void {
      inTransaction(db, () => {
        if (!repo.status(id)) throw new AppError('NOT_FOUND', msg('orders.notFound', { id }));
        if ((liveParcels.get(id) as number) > 0) throw new AppError('CONFLICT', msg('orders.reopenLiveLabels'));
        // The lattice status moves when the hub's order of this op is pulled back, like every other
        // op's: moved here first, the reopen would overtake this station's own unsynced earlier ops.
        recorder.record('order.reopened', { orderId: id, reason }, { actor });
      });
    },
    /**
     * Supervisor: 恢复发货. The order voided as 订单取消/退款 may ship again after all (the buyer
     * withdrew the refund, the platform still wants it shipped): the release names the voids that
     * hold it, so every station lifts the same hold; it is audited as a supervisor's op.
     */
    releaseHold(id: string, reason: string, actor: Actor): void {
      inTransaction(db, () => {
        const order = repo.get(id);
        if (!order) throw new AppError('NOT_FOUND', msg('orders.notFound', { id }));
        const held = repo.holds(id);
        if (held.length === 0) throw new AppError('CONFLICT', msg('orders.notHeld', { order: order.externalId }));
        const at = new Date().toISOString();
        recorder.record('order.released', { orderId: id, shipmentIds: held.slice(0, RELEASED_MAX_VOIDS).map((h) => h.id), reason, at }, { at, actor });
      });
    },
    listMappings: (): ColumnMapping[] => (mappingQ.all.all() as string[]).map((raw) => columnMappingSchema.parse(JSON.parse(raw))),
  };
}
export type OrdersService = ReturnType<typeof createOrdersService>;

/**
 * Report lines for orders the file gave no payment time: only those whose deadline this import
 * counted from its time, and, apart, those that kept the deadline they had (a re-import of the
 * same file must not claim the deadline is now the import time plus the promise).
 */
function deadlineNotices(set: number, kept: number, hours: number) {
  return [
    ...(set > 0 ? [msg('import.notice.deadlineFromImport', { count: set, hours })] : []),
    ...(kept > 0 ? [msg('import.notice.deadlineKept', { count: kept })] : []),
  ];
}
