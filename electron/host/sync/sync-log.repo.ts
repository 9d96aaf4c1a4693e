import type { LogEntry } from '#shared/contract/hub.contract';
import { encodeMessage, type Message } from '#shared/i18n/message';
import type { Db } from '../db/open-database';

/** The log applier's own bookkeeping: which entries took effect, which wait and why. */
export function createSyncLogRepo(db: Db) {
  const q = {
    applied: db.prepare('SELECT 1 FROM sync_applied WHERE op_id = ?').pluck(),
    ownOp: db.prepare('SELECT 1 FROM outbox WHERE op_id = ?').pluck(),
    markApplied: db.prepare('INSERT OR IGNORE INTO sync_applied (op_id, hub_seq) VALUES (?, ?)'),
    confirmOwn: db.prepare(
      'UPDATE outbox SET hub_seq = @hubSeq, outcome = @outcome, reason = @reason, pushed_at = coalesce(pushed_at, @at) WHERE op_id = @opId',
    ),
    park: db.prepare(`INSERT INTO pending_unknown (hub_seq, entry, waiting_for, reason) VALUES (@hubSeq, @entry, @waitingFor, @reason)
      ON CONFLICT (hub_seq) DO UPDATE SET waiting_for = excluded.waiting_for, reason = excluded.reason`),
    unpark: db.prepare('DELETE FROM pending_unknown WHERE hub_seq = ?'),
    waiting: db.prepare("SELECT hub_seq AS hubSeq, entry FROM pending_unknown WHERE waiting_for <> 'unapplicable' ORDER BY hub_seq"),
    all: db.prepare('SELECT hub_seq AS hubSeq, entry FROM pending_unknown ORDER BY hub_seq'),
    waitingCount: db.prepare('SELECT count(*) FROM pending_unknown').pluck(),
  };
  return {
    isApplied: (opId: string) => q.applied.get(opId) !== undefined,
    /** Recorded in this station's outbox (under whatever id it synced as then). */
    isOwnOp: (opId: string) => q.ownOp.get(opId) !== undefined,
    markApplied: (opId: string, hubSeq: number) => q.markApplied.run(opId, hubSeq),
    confirmOwn: (e: LogEntry) =>
      q.confirmOwn.run({ opId: e.opId, hubSeq: e.hubSeq, outcome: e.outcome, reason: e.reason && encodeMessage(e.reason), at: new Date().toISOString() }),
    /**
     * Keeps an entry this station cannot apply yet: it waits for a record ('order:<id>'), for an
     * upgrade ('upgrade'), or it cannot be applied at all ('unapplicable', with the reason).
     */
    park: (entry: LogEntry, waitingFor: string, reason: Message | null = null) =>
      q.park.run({ hubSeq: entry.hubSeq, entry: JSON.stringify(entry), waitingFor, reason: reason && encodeMessage(reason) }),
    unpark: (hubSeq: number) => q.unpark.run(hubSeq),
    /** Entries waiting for a record or an upgrade; `all` adds those this version could not apply (after an upgrade). */
    waiting: (all = false) =>
      ((all ? q.all : q.waiting).all() as { hubSeq: number; entry: string }[]).map((w) => ({ hubSeq: w.hubSeq, entry: JSON.parse(w.entry) as LogEntry })),
    waitingCount: () => q.waitingCount.get() as number,
  };
}
