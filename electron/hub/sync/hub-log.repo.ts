import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { HUB_AUTHOR, type LogEntry, type OpOutcome } from '#shared/contract/hub.contract';
import { decodeMessage, type Message } from '#shared/i18n/message';
import { currentOpVersion, readOp, type OpPayload, type OpType } from '#shared/ops/index';
import type { HubTables } from '../store/hub-schema';

type LogRow = HubTables['hub_log'];
// 12 columns: well under both engines' cap on bound parameters.
const INSERT_CHUNK = 500;
/** Rows read per query while filling a pull page up to its byte budget. */
const READ_CHUNK = 250;

/**
 * The write side of the log inside one transaction. It takes the counter row lock before
 * anything else, so on PostgreSQL log writers run one at a time and hub_seq order is commit
 * order: a station pulling `after=N` can never skip an entry that commits later (§6.3).
 * Sequence numbers are handed out in memory under that lock and the counter is written once.
 */
export type LogWriter = {
  trx: Transaction<HubTables>;
  /** When this transaction runs, by the hub's clock. */
  now: string;
  /** The next hub_seq; gap-free as long as every allocated number gets an entry. */
  allocate(): number;
  /** Gives back the last number allocated (the op it was for was refused before anything followed it). */
  release(hubSeq: number): void;
  append(row: LogRow): void;
  /** Appends an entry the hub itself writes (a flag, a lease, a count adjustment). */
  appendHubEntry<T extends OpType>(type: T, payload: OpPayload<T>, opId?: string): number;
  /** Writes a projection kept in memory during the transaction, before it commits. */
  beforeCommit(flush: () => Promise<void>): void;
};

export async function withLogWriter<T>(db: Kysely<HubTables>, now: () => Date, work: (w: LogWriter) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('hub_counter').set((eb) => ({ value: eb.ref('value') })).where('id', '=', 1).execute();
    const counter = await trx.selectFrom('hub_counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
    const start = Number(counter.value);
    let head = start;
    const rows: LogRow[] = [];
    const flushes: (() => Promise<void>)[] = [];
    const at = now().toISOString();
    const writer: LogWriter = {
      trx,
      now: at,
      allocate: () => ++head,
      release(hubSeq) {
        if (hubSeq !== head) throw new Error(`hub log: cannot release ${hubSeq}, ${head} was allocated after it`);
        head--;
      },
      append: (row) => void rows.push(row),
      appendHubEntry(type, payload, opId = uuidv7()) {
        // The hub holds its own entries to the schema every station will read them with.
        const read = readOp(type, currentOpVersion(type), payload);
        if (read.kind !== 'known') throw new Error(`hub wrote an invalid ${type}: ${JSON.stringify(read)}`);
        const hubSeq = ++head;
        rows.push({
          hub_seq: hubSeq, op_id: opId, station_id: HUB_AUTHOR, station_seq: null, type, version: currentOpVersion(type),
          payload: JSON.stringify(payload), outcome: 'accepted', reason: null, created_at: at, received_at: at, user_id: null, authorized_by: null,
        });
        return hubSeq;
      },
      beforeCommit: (flush) => void flushes.push(flush),
    };
    const result = await work(writer);
    if (rows.length !== head - start) throw new Error(`hub log: ${head - start} numbers allocated for ${rows.length} entries`);
    for (const flush of flushes) await flush();
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto('hub_log').values(rows.slice(i, i + INSERT_CHUNK)).execute();
    if (head !== start) await trx.updateTable('hub_counter').set({ value: head }).where('id', '=', 1).execute();
    return result;
  });
}

export async function readHead(db: Kysely<HubTables>): Promise<number> {
  const row = await db.selectFrom('hub_counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.value);
}

/**
 * The log after a cursor, at most `limit` entries and about `maxBytes` of payload: a page stops
 * before the entry that would take it over the budget (one entry always goes, whatever its size),
 * so no response grows without bound however large the entries in a stretch of the log.
 */
export async function readLog(db: Kysely<HubTables>, after: number, limit: number, maxBytes: number): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  let bytes = 0;
  let from = after;
  while (out.length < limit) {
    const rows = await db
      .selectFrom('hub_log')
      .selectAll()
      .where('hub_seq', '>', from)
      .orderBy('hub_seq')
      .limit(Math.min(READ_CHUNK, limit - out.length))
      .execute();
    for (const row of rows) {
      bytes += row.payload.length;
      if (out.length > 0 && bytes > maxBytes) return out;
      out.push(toEntry(row));
    }
    if (rows.length < READ_CHUNK) return out;
    from = Number(rows.at(-1)?.hub_seq ?? from);
  }
  return out;
}

export type StoredResult = { hubSeq: number | null; outcome: OpOutcome; reason: Message | null };

/** What the hub answered the first time for (station, seq): a re-sent op gets the same answer. */
export async function storedResult(db: Kysely<HubTables>, stationId: string, stationSeq: number): Promise<StoredResult | undefined> {
  const row = await db
    .selectFrom('hub_log')
    .select(['hub_seq', 'outcome', 'reason'])
    .where('station_id', '=', stationId)
    .where('station_seq', '=', stationSeq)
    .executeTakeFirst();
  if (row) return { hubSeq: Number(row.hub_seq), outcome: row.outcome, reason: row.reason === null ? null : decodeMessage(row.reason) };
  const refused = await db
    .selectFrom('hub_rejected')
    .select('reason')
    .where('station_id', '=', stationId)
    .where('station_seq', '=', stationSeq)
    .executeTakeFirst();
  return refused && { hubSeq: null, outcome: 'rejected', reason: decodeMessage(refused.reason) };
}

export const toEntry = (r: LogRow): LogEntry => ({
  hubSeq: Number(r.hub_seq),
  opId: r.op_id,
  stationId: r.station_id,
  stationSeq: r.station_seq === null ? null : Number(r.station_seq),
  type: r.type,
  version: r.version,
  payload: JSON.parse(r.payload) as unknown,
  outcome: r.outcome,
  reason: r.reason === null ? null : decodeMessage(r.reason),
  createdAt: r.created_at,
  userId: r.user_id ?? null,
  authorizedBy: r.authorized_by ?? null,
});
