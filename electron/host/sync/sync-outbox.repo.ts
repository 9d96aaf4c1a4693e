import { PUSH_BATCH_MAX, PUSH_BYTES_MAX, type PushResult, type WireOp } from '#shared/contract/hub.contract';
import { encodeMessage } from '#shared/i18n/message';
import { readOp, type OpType } from '#shared/ops/index';
import type { Db } from '../db/open-database';
import type { Appliers } from '../ops/applier';

type Row = { station_seq: number; op_id: string; type: string; version: number; payload: string; created_at: string; user_id: string | null; authorized_by: string | null };

/**
 * The outbox as the sync client sees it: what the hub has not answered yet, and its answers. An op
 * the hub refused is answered too (outcome rejected, no hub_seq): it is not sent again, and what
 * this station showed of it optimistically is undone where its applier says so.
 */
export function createSyncOutboxRepo(db: Db, appliers: Appliers) {
  const q = {
    unanswered: db.prepare(
      `SELECT station_seq, op_id, type, version, payload, created_at, user_id, authorized_by FROM outbox
       WHERE hub_seq IS NULL AND outcome IS NULL ORDER BY station_seq LIMIT ?`,
    ),
    count: db.prepare('SELECT count(*) FROM outbox WHERE hub_seq IS NULL AND outcome IS NULL').pluck(),
    confirm: db.prepare('UPDATE outbox SET hub_seq = @hubSeq, outcome = @outcome, reason = @reason, pushed_at = @at WHERE station_seq = @stationSeq AND op_id = @opId'),
    op: db.prepare('SELECT type, version, payload FROM outbox WHERE station_seq = ?'),
    forgetFrom: db.prepare('UPDATE outbox SET hub_seq = NULL, outcome = NULL, reason = NULL, pushed_at = NULL WHERE station_seq >= ?'),
  };
  const refused = (stationSeq: number) => {
    const row = q.op.get(stationSeq) as { type: string; version: number; payload: string } | undefined;
    const op = row && readOp(row.type, row.version, JSON.parse(row.payload));
    if (op?.kind === 'known') (appliers[op.type] as { refused?(p: unknown): void }).refused?.(op.payload);
  };
  const confirmAll = db.transaction((results: readonly PushResult[], at: string) => {
    for (const r of results) {
      const changed = q.confirm.run({ ...r, reason: r.reason && encodeMessage(r.reason), at }).changes;
      if (changed > 0 && r.outcome === 'rejected') refused(r.stationSeq);
    }
  });
  const forget = db.transaction((fromSeq: number) => q.forgetFrom.run(fromSeq));
  return {
    /** The oldest ops the hub has not answered, in station_seq order, one push's worth (by count and bytes). */
    unconfirmed(limit = PUSH_BATCH_MAX): WireOp[] {
      const out: WireOp[] = [];
      let bytes = 0;
      for (const r of q.unanswered.all(limit) as Row[]) {
        bytes += r.payload.length + 200;
        if (out.length > 0 && bytes > PUSH_BYTES_MAX) break;
        out.push({
          stationSeq: r.station_seq, opId: r.op_id, type: r.type as OpType, version: r.version, payload: JSON.parse(r.payload),
          createdAt: r.created_at, userId: r.user_id, authorizedBy: r.authorized_by,
        });
      }
      return out;
    },
    unconfirmedCount: () => q.count.get() as number,
    confirm: (results: readonly PushResult[], at: string) => confirmAll.immediate(results, at),
    /** The hub lost ops from `fromSeq` on (restored from a backup): they go out again. */
    forgetConfirmationsFrom: (fromSeq: number) => forget.immediate(fromSeq),
  };
}
export type SyncOutboxRepo = ReturnType<typeof createSyncOutboxRepo>;
