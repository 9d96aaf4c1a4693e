import { currentOpVersion, type OpType } from '#shared/contract/sync-ops.contract';
import { newId } from './new-id';
import type { Db } from './open-database';

/** Ops per INSERT in {@link OutboxRepo.batch}; PARAMS parameters each, far below SQLite's limit. */
const BATCH_ROWS = 64;
const PARAMS = 6;

/**
 * The sync outbox. Callers append inside the transaction of the domain write they describe, so a
 * change and the op that tells the hub about it are committed together or not at all.
 */
export function createOutboxRepo(db: Db) {
  const insert = db.prepare('INSERT INTO outbox (op_id, type, version, payload, created_at, entity) VALUES (?, ?, ?, ?, ?, ?)');
  let insertMany: ReturnType<Db['prepare']> | null = null;
  const listeners = new Set<() => void>();
  // Listeners only schedule work (the sync client debounces); they run inside the writer's transaction.
  const changed = () => listeners.forEach((l) => l());
  return {
    /** `entity`: the master record the op rewrites (order:<id>, sku:<code>), for ops that replace one. */
    append(type: OpType, payload: unknown, at = new Date().toISOString(), entity: string | null = null): string {
      return this.appendJson(type, JSON.stringify(payload), at, entity);
    },
    /** For callers that already serialised the payload (the import path hashes the same text). */
    appendJson(type: OpType, payloadJson: string, at = new Date().toISOString(), entity: string | null = null): string {
      const opId = newId();
      insert.run(opId, type, currentOpVersion[type], payloadJson, at, entity);
      changed();
      return opId;
    },
    /** Called after ops are appended (inside the writer's transaction: schedule, do not sync). */
    onAppend(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /**
     * Appends many ops of one type, {@link BATCH_ROWS} rows per INSERT: AUTOINCREMENT then updates
     * sqlite_sequence once per statement rather than once per op (measured ~15% of the outbox time
     * on a 100k-order import). Ops get their station_seq in `add` order. `flush` before the
     * transaction ends; on a throw the transaction's rollback drops whatever was added.
     */
    batch(type: OpType, at: string): { add(payloadJson: string, entity: string | null): void; flush(): void } {
      const version = currentOpVersion[type];
      insertMany ??= db.prepare(
        `INSERT INTO outbox (op_id, type, version, payload, created_at, entity) VALUES ${Array(BATCH_ROWS).fill('(?, ?, ?, ?, ?, ?)').join(', ')}`,
      );
      const many = insertMany;
      const params: (string | number | null)[] = [];
      let added = 0;
      return {
        add(payloadJson: string, entity: string | null): void {
          params.push(newId(), type, version, payloadJson, at, entity);
          added++;
          if (params.length === BATCH_ROWS * PARAMS) {
            many.run(params);
            params.length = 0;
          }
        },
        flush(): void {
          for (let i = 0; i < params.length; i += PARAMS) insert.run(params.slice(i, i + PARAMS));
          params.length = 0;
          if (added > 0) changed();
        },
      };
    },
  };
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
