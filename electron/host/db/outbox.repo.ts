import { newId } from './new-id';
import type { Db } from './open-database';

/**
 * The sync outbox. Callers append inside the transaction of the domain write they describe, so a
 * change and the op that tells the hub about it are committed together or not at all.
 */
export function createOutboxRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO outbox (op_id, type, version, payload, created_at) VALUES (?, ?, 1, ?, ?)',
  );
  const pending = db.prepare('SELECT count(*) AS n FROM outbox WHERE pushed_at IS NULL').pluck();
  return {
    append(type: string, payload: unknown, at = new Date().toISOString()): string {
      return this.appendJson(type, JSON.stringify(payload), at);
    },
    /** For callers that already serialised the payload (the import path hashes the same text). */
    appendJson(type: string, payloadJson: string, at = new Date().toISOString()): string {
      const opId = newId();
      insert.run(opId, type, payloadJson, at);
      return opId;
    },
    pendingCount: (): number => pending.get() as number,
  };
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
