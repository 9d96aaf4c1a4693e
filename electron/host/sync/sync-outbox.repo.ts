import type { PushResult, WireOp } from '#shared/contract/hub.contract';
import type { Db } from '../db/open-database';

type Row = { station_seq: number; op_id: string; type: string; version: number; payload: string; created_at: string };

/** The outbox as the sync client sees it: what the hub has not confirmed yet, and its answers. */
export function createSyncOutboxRepo(db: Db) {
  const q = {
    unconfirmed: db.prepare(
      'SELECT station_seq, op_id, type, version, payload, created_at FROM outbox WHERE hub_seq IS NULL ORDER BY station_seq LIMIT ?',
    ),
    count: db.prepare('SELECT count(*) FROM outbox WHERE hub_seq IS NULL').pluck(),
    confirm: db.prepare('UPDATE outbox SET hub_seq = @hubSeq, outcome = @outcome, reason = @reason, pushed_at = @at WHERE station_seq = @stationSeq AND op_id = @opId'),
    forgetFrom: db.prepare('UPDATE outbox SET hub_seq = NULL, outcome = NULL, reason = NULL, pushed_at = NULL WHERE station_seq >= ?'),
  };
  const confirmAll = db.transaction((results: readonly PushResult[], at: string) => {
    for (const r of results) q.confirm.run({ ...r, at });
  });
  const forget = db.transaction((fromSeq: number) => q.forgetFrom.run(fromSeq));
  return {
    /** The oldest ops the hub has not confirmed, in station_seq order. */
    unconfirmed(limit: number): WireOp[] {
      return (q.unconfirmed.all(limit) as Row[]).map((r) => ({
        stationSeq: r.station_seq, opId: r.op_id, type: r.type, version: r.version, payload: JSON.parse(r.payload), createdAt: r.created_at,
      }));
    },
    unconfirmedCount: () => q.count.get() as number,
    confirm: (results: readonly PushResult[], at: string) => confirmAll.immediate(results, at),
    /** The hub lost ops from `fromSeq` on (restored from a backup): they go out again. */
    forgetConfirmationsFrom: (fromSeq: number) => forget.immediate(fromSeq),
  };
}
export type SyncOutboxRepo = ReturnType<typeof createSyncOutboxRepo>;
