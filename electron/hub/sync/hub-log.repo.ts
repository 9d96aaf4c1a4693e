import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { HUB_AUTHOR, type LogEntry, type OpOutcome } from '#shared/contract/hub.contract';
import type { HubTables } from '../store/hub-schema';

type LogRow = HubTables['hub_log'];
const INSERT_CHUNK = 100;

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
  append(row: LogRow): void;
  /** Appends an entry the hub itself writes (a flag, a lease, a count adjustment), at the op's version (1 unless said). */
  appendHubEntry(type: string, payload: unknown, opId?: string, version?: number): number;
};

export async function withLogWriter<T>(db: Kysely<HubTables>, now: () => Date, work: (w: LogWriter) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('hub_counter').set((eb) => ({ value: eb.ref('value') })).where('id', '=', 1).execute();
    const counter = await trx.selectFrom('hub_counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
    const start = Number(counter.value);
    let head = start;
    const rows: LogRow[] = [];
    const at = now().toISOString();
    const writer: LogWriter = {
      trx,
      now: at,
      allocate: () => ++head,
      append: (row) => void rows.push(row),
      appendHubEntry(type, payload, opId = uuidv7(), version = 1) {
        const hubSeq = ++head;
        rows.push({
          hub_seq: hubSeq, op_id: opId, station_id: HUB_AUTHOR, station_seq: null, type, version,
          payload: JSON.stringify(payload), outcome: 'accepted', reason: null, created_at: at, received_at: at,
        });
        return hubSeq;
      },
    };
    const result = await work(writer);
    if (rows.length !== head - start) throw new Error(`hub log: ${head - start} numbers allocated for ${rows.length} entries`);
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto('hub_log').values(rows.slice(i, i + INSERT_CHUNK)).execute();
    if (head !== start) await trx.updateTable('hub_counter').set({ value: head }).where('id', '=', 1).execute();
    return result;
  });
}

export async function readHead(db: Kysely<HubTables>): Promise<number> {
  const row = await db.selectFrom('hub_counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.value);
}

export async function readLog(db: Kysely<HubTables>, after: number, limit: number): Promise<LogEntry[]> {
  const rows = await db.selectFrom('hub_log').selectAll().where('hub_seq', '>', after).orderBy('hub_seq').limit(limit).execute();
  return rows.map(toEntry);
}

/** What the hub answered the first time for (station, seq): a re-sent op gets the same answer. */
export async function storedResult(
  db: Kysely<HubTables>,
  stationId: string,
  stationSeq: number,
): Promise<{ hubSeq: number; outcome: OpOutcome; reason: string | null } | undefined> {
  const row = await db
    .selectFrom('hub_log')
    .select(['hub_seq', 'outcome', 'reason'])
    .where('station_id', '=', stationId)
    .where('station_seq', '=', stationSeq)
    .executeTakeFirst();
  return row && { hubSeq: Number(row.hub_seq), outcome: row.outcome, reason: row.reason };
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
  reason: r.reason,
  createdAt: r.created_at,
});
