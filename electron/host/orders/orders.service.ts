import { AppError } from '#shared/contract/errors';
import { columnMappingSchema, type ColumnMapping, type ImportReport } from '#shared/contract/orders.contract';
import { msg } from '#shared/i18n/message';
import type { OpPayload } from '#shared/ops/index';
import { inBulkSlice, inTransaction, type Db } from '../db/open-database';
import { rememberContentHash } from '../ops/order-imported.applier';
import type { OpRecorder } from '../ops/op-recorder';
import type { Actor } from '../session/session.service';
import type { ImportFile } from './import/detect-format';
import type { UnboundLine, ValidatedOrder } from './import-parse';
import { createImportParser, type ParsedImport } from './import-parse.client';
import { sliceBudgetMs, yieldToScans } from '../workers/yield-to-scans';
import type { OrdersRepo } from './orders.repo';

const PROGRESS_EVERY_MS = 100;

export type ImportProgress = (phase: 'reading' | 'parsing' | 'writing', done: number, total: number) => void;

/**
 * Orders in: a platform export is parsed completely first, off the main thread (decode, rows,
 * each order's op held to its schema); any row error rejects the whole file with every problem
 * listed and nothing written, and a clean file is written in short transactions with its outbox
 * ops, so the bench's scans go on between them.
 * Re-importing the same file changes nothing; a newer export applies status changes (a cancelled
 * order becomes blocked at the bench).
 */
export function createOrdersService(deps: {
  db: Db; repo: OrdersRepo; recorder: OpRecorder; shipPromiseHours: () => number;
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
   * Writes the parsed orders as the worker hands them over, in slices (sliceBudgetMs: ~1 ms while
   * a packer scans), each its own transaction with its orders' ops, yielding to the event loop
   * between slices: a scan that arrives meanwhile waits for one slice at most (SQLite has one
   * writer). A crash mid-import keeps the slices committed so far, each order with its op (a power
   * cut may also lose the last slices before the next scan's commit: see inBulkSlice); importing
   * the file again finishes it (orders already written are unchanged, no second op).
   */
  async function write(parsed: ParsedImport, progress: ImportProgress, actor: Actor | null) {
    const counts = { created: 0, updated: 0, unchanged: 0, statusChanges: 0 };
    const at = new Date().toISOString();
    const total = parsed.outcome.ordersRead;
    let written = 0;
    progress('writing', 0, total);
    let reported = performance.now();
    for (let batch = await parsed.next(); batch.length > 0; batch = await parsed.next()) {
      let i = 0;
      while (i < batch.length) {
        const until = performance.now() + sliceBudgetMs();
        inBulkSlice(db, () => {
          const ops = recorder.batch('order.imported', { at, actor });
          do {
            const { json, hash } = batch[i++] as ValidatedOrder;
            const order = JSON.parse(json) as OpPayload<'order.imported'>;
            const stored = repo.stored(order.id);
            // An order whose text is what this station already holds is no change.
            if (stored?.content_hash === hash) {
              counts.unchanged++;
              continue;
            }
            rememberContentHash(json, hash);
            ops.addValidated(order, json);
            if (stored && stored.platform_status !== order.platformStatus) counts.statusChanges++;
            counts[stored ? 'updated' : 'created']++;
          } while (i < batch.length && (i % 8 !== 0 || performance.now() < until));
          ops.flush();
        });
        if (performance.now() - reported > PROGRESS_EVERY_MS) {
          progress('writing', written + i, total);
          reported = performance.now();
        }
        await yieldToScans();
      }
      written += batch.length;
    }
    return counts;
  }

  /**
   * Lines the bench cannot match a scan to: no 商家编码 in the file and not bound at a bench,
   * in orders that may still ship (a closed or refunded order's lines need no binding).
   */
  function linesWithoutSku(unbound: readonly UnboundLine[]): ImportReport['linesWithoutSku'] {
    const found: ImportReport['linesWithoutSku'] = { count: 0, lines: [] };
    for (const l of unbound) {
      if (repo.lineSku(l.id, l.lineNo)) continue;
      found.count++;
      if (found.lines.length < 20) found.lines.push({ orderId: l.orderId, lineNo: l.lineNo, title: l.title });
    }
    return found;
  }

  return {
    async import(files: ImportFile[], mappingName: string | undefined, progress: ImportProgress, actor: Actor | null): Promise<ImportReport> {
      progress('reading', 0, files.length);
      // Everything is parsed and held to the op schema (in the worker) before the first write.
      const parsed = await parser.parse(
        { files, mapping: mappingName === undefined ? null : storedMapping(mappingName), mappingName: mappingName ?? null, shipPromiseHours: deps.shipPromiseHours() },
        (done, total) => progress('parsing', done, total),
      );
      const { outcome } = parsed;
      const base = { format: outcome.format, ordersRead: outcome.ordersRead, errors: outcome.errors };
      try {
        if (outcome.errors.length > 0) {
          return { ...base, created: 0, updated: 0, unchanged: 0, statusChanges: 0, linesWithoutSku: { count: 0, lines: [] }, rejected: true };
        }
        const counts = await write(parsed, progress, actor);
        progress('writing', outcome.ordersRead, outcome.ordersRead);
        return { ...base, ...counts, linesWithoutSku: linesWithoutSku(outcome.unbound), rejected: false };
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
    listMappings: (): ColumnMapping[] => (mappingQ.all.all() as string[]).map((raw) => columnMappingSchema.parse(JSON.parse(raw))),
  };
}
export type OrdersService = ReturnType<typeof createOrdersService>;
