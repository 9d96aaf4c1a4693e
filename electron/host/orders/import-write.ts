import { fdatasyncSync, openSync, closeSync } from 'node:fs';
import type { StationRole } from '#shared/contract/hub.contract';
import type { ImportReport } from '#shared/contract/orders.contract';
import { createOutboxRepo } from '../db/outbox.repo';
import { inBulkSlice, openDatabase } from '../db/open-database';
import { bulkTurns, type TurnsBuffer } from '../db/write-turns';
import { createStationOps, userRoleOf } from '../ops/op-recorder';
import { orderContentHash, rememberContentHash } from '../ops/order-imported.applier';
import { validateOpPayload } from '../ops/op-validate';
import type { Actor } from '../session/session.service';
import { benchScanning, sliceBudgetMs } from '../workers/yield-to-scans';
import type { PayloadSource, UnboundLine, ValidatedOrder } from './import-parse';
import { createOrdersRepo, type OrdersRepo } from './orders.repo';

/** What the import's worker needs to write a parsed file into the station's database itself. */
export type WriteRequest = {
  dbFile: string; stationId: string; stationRole: StationRole | null; actor: Actor | null; at: string;
  /** Shared with the main thread: whose turn it is to write (write-turns.ts), and when the last scan came. */
  turns: TurnsBuffer; scanClock: Float64Array;
};
/**
 * `deadlinesSet`/`deadlinesKept`: orders the file gave no payment time or deadline, whose deadline
 * this import counted from its own time, or left as already stored (the report says which; only
 * the write knows, as it reads what is stored).
 */
export type WriteCounts = { created: number; updated: number; unchanged: number; statusChanges: number; deadlinesSet: number; deadlinesKept: number };
const noCounts = (): WriteCounts => ({ created: 0, updated: 0, unchanged: 0, statusChanges: 0, deadlinesSet: 0, deadlinesKept: 0 });
export type Written = WriteCounts & { linesWithoutSku: ImportReport['linesWithoutSku'] };
export type WriteSink = {
  /** Asks the main thread for the next slice (it answers by granting the turn). */
  ask(): void;
  /** Orders written so far (every ~100 ms). */
  wrote(done: number): void;
};

const REPORT_EVERY_MS = 100;
/** Orders the slice after one given up for a scan writes before it lets the scan in. */
const AFTER_GIVING_UP = 16;
const YIELD = new Error('a scan is waiting');
/** WAL frames copied back into the database this often, off the scan's commit (the connections' own checkpoints are off). */
const CHECKPOINT_EVERY_MS = 250;

/**
 * Writes the parsed orders from the import's worker thread on a connection of its own, so the
 * bench's main thread never runs an import's writes, its garbage collection or its checkpoints:
 * a scan waits at most for the order being written and its slice's commit (write-turns.ts).
 * Slices are ~1 ms while a packer scans, 25 ms otherwise, each its own transaction with its
 * orders' ops (committed without their own fsync, as inBulkSlice says). While a packer scans, the
 * WAL is also flushed after every slice here, so a scan's fsync has only its own pages to write.
 * A crash mid-import keeps the slices committed so far; importing the file again finishes it.
 */
export function writeImport(req: WriteRequest, parsed: { payloads: PayloadSource; unbound: readonly UnboundLine[] }, sink: WriteSink): Written {
  const { payloads } = parsed;
  const db = openDatabase(req.dbFile);
  // Writable: Windows flushes a file only through a handle that may write to it.
  const wal = openSync(`${req.dbFile}-wal`, 'r+');
  try {
    db.pragma('wal_autocheckpoint = 0');
    const paired = req.stationRole !== null;
    const { recorder } = createStationOps({
      db, outbox: createOutboxRepo(db), stationId: () => req.stationId, stationRole: () => req.stationRole, userRole: userRoleOf(db, () => paired),
    });
    const repo = createOrdersRepo(db);
    const turns = bulkTurns(req.turns);
    const counts = noCounts();
    let done = 0;
    let reported = performance.now();
    let checkpointed = performance.now();
    let yielded = false;
    for (let batch = payloads.next(512); batch.length > 0; batch = payloads.next(512)) {
      let i = 0;
      while (i < batch.length) {
        turns.take(sink.ask);
        const from = i;
        const slice = noCounts();
        try {
          const until = performance.now() + sliceBudgetMs(req.scanClock);
          inBulkSlice(db, () => {
            const ops = recorder.batch('order.imported', { at: req.at, actor: req.actor });
            do {
              // A scan is waiting: give the slice up (a rollback is instant; its commit is not) and
              // write it again after. The slice after one given up goes on to a few orders and
              // commits them, so an import beside a packer scanning without pause still moves.
              if (turns.wanted()) {
                if (!yielded) throw YIELD;
                if (i - from >= AFTER_GIVING_UP) break;
              }
              const next = batch[i++]!;
              const stored = repo.stored(next.order.id);
              const { order, json, hash } = keepStoredDeadline(next, stored?.ship_deadline ?? null);
              if (next.deadlineFromImport) slice[stored?.ship_deadline ? 'deadlinesKept' : 'deadlinesSet']++;
              // An order whose text is what this station already holds is no change.
              if (stored?.content_hash === hash) {
                slice.unchanged++;
                continue;
              }
              rememberContentHash(json, hash);
              ops.addValidated(order, json);
              if (stored && order.platformStatus !== null && stored.platform_status !== order.platformStatus) slice.statusChanges++;
              slice[stored ? 'updated' : 'created']++;
            } while (i < batch.length && (i % 8 !== 0 || performance.now() < until));
            ops.flush();
          });
          for (const k of Object.keys(counts) as (keyof WriteCounts)[]) counts[k] += slice[k];
          yielded = false;
        } catch (error) {
          if (error !== YIELD) throw error;
          i = from;
          yielded = true;
        } finally {
          turns.release();
        }
        if (benchScanning(req.scanClock)) fdatasyncSync(wal);
        const now = performance.now();
        if (now - checkpointed > CHECKPOINT_EVERY_MS) {
          db.pragma('wal_checkpoint(PASSIVE)');
          checkpointed = now;
        }
        if (now - reported > REPORT_EVERY_MS) {
          sink.wrote(done + i);
          reported = now;
        }
      }
      done += batch.length;
    }
    return { ...counts, linesWithoutSku: linesWithoutSku(parsed.unbound, repo) };
  } finally {
    closeSync(wal);
    db.close();
  }
}

/**
 * A deadline counted from the import time is kept from the first import: importing the same file
 * again must not push the order's deadline later each time (it would never fall due).
 */
function keepStoredDeadline(v: ValidatedOrder, storedDeadline: string | null): ValidatedOrder {
  if (!v.deadlineFromImport || storedDeadline === null || storedDeadline === v.order.shipDeadline) return v;
  const again = validateOpPayload('order.imported', { ...v.order, shipDeadline: storedDeadline });
  return { order: again.parsed, json: again.json, hash: orderContentHash(again.json), deadlineFromImport: true };
}

/**
 * Lines the bench cannot match a scan to: no 商家编码 in the file and not bound at a bench,
 * in orders that may still ship (a closed or refunded order's lines need no binding).
 */
function linesWithoutSku(unbound: readonly UnboundLine[], repo: OrdersRepo): ImportReport['linesWithoutSku'] {
  const found: ImportReport['linesWithoutSku'] = { count: 0, lines: [] };
  for (const l of unbound) {
    if (repo.lineSku(l.id, l.lineNo)) continue;
    found.count++;
    if (found.lines.length < 20) found.lines.push({ orderId: l.orderId, lineNo: l.lineNo, title: l.title });
  }
  return found;
}
