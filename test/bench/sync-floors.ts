import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../electron/host/db/open-database';
import { ms } from './stats';

/**
 * The floors the sync figures are compared with, measured in the same run: moving the same JSON
 * over plain node:http (no routing, no validation, no database) and inserting the same rows into
 * one table in one transaction (no rules, no indexes beyond the keys).
 */

/** A node:http server that parses whatever it is sent and answers a given body, as the hub would. */
export async function rawHttpServer() {
  let answer: unknown = {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    /** One round trip (POST with `body`, or GET when undefined) answered with `reply`; milliseconds. */
    async roundTrip(body: unknown, reply: unknown): Promise<number> {
      answer = reply;
      const t = process.hrtime.bigint();
      const response = await fetch(url, body === undefined
        ? { method: 'GET' }
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      JSON.parse(await response.text());
      return ms(t);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A row shaped like a hub log entry: what a push stores and a pull brings back. */
export type LogRow = {
  hubSeq: number; opId: string; stationId: string; stationSeq: number | null; type: string; version: number;
  payload: string; outcome: string; reason: string | null; createdAt: string; receivedAt: string;
};
const COLUMNS = 'hub_seq, op_id, station_id, station_seq, type, version, payload, outcome, reason, created_at, received_at';
const values = (r: LogRow) => [r.hubSeq, r.opId, r.stationId, r.stationSeq, r.type, r.version, r.payload, r.outcome, r.reason, r.createdAt, r.receivedAt];

/** better-sqlite3, WAL + synchronous=FULL like the hub and the station: every row in one transaction; milliseconds. */
export function rawSqliteInsert(dir: string, rows: readonly LogRow[]): number {
  const db = openDatabase(join(dir, `floor-${process.hrtime.bigint()}.db`));
  db.exec(`CREATE TABLE floor_log (hub_seq INTEGER PRIMARY KEY, op_id TEXT NOT NULL UNIQUE, station_id TEXT NOT NULL,
    station_seq INTEGER, type TEXT NOT NULL, version INTEGER NOT NULL, payload TEXT NOT NULL, outcome TEXT NOT NULL,
    reason TEXT, created_at TEXT NOT NULL, received_at TEXT NOT NULL)`);
  const insert = db.prepare(`INSERT INTO floor_log (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const t = process.hrtime.bigint();
  db.transaction(() => {
    for (const r of rows) insert.run(values(r));
  }).immediate();
  const took = ms(t);
  db.close();
  return took;
}

/** PostgreSQL: the same rows in one transaction, multi-row INSERTs of `batch` rows (the push batch size); milliseconds. */
export async function rawPgInsert(databaseUrl: string, schema: string, rows: readonly LogRow[], batch = 500): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE "${schema}".floor_log (hub_seq BIGINT PRIMARY KEY, op_id TEXT NOT NULL UNIQUE, station_id TEXT NOT NULL,
      station_seq BIGINT, type TEXT NOT NULL, version INTEGER NOT NULL, payload TEXT NOT NULL, outcome TEXT NOT NULL,
      reason TEXT, created_at TEXT NOT NULL, received_at TEXT NOT NULL)`);
    const t = process.hrtime.bigint();
    await client.query('BEGIN');
    for (let i = 0; i < rows.length; i += batch) {
      const chunk = rows.slice(i, i + batch);
      const placeholders = chunk.map((_, k) => `(${Array.from({ length: 11 }, (__, c) => `$${k * 11 + c + 1}`).join(', ')})`);
      await client.query(`INSERT INTO "${schema}".floor_log (${COLUMNS}) VALUES ${placeholders.join(', ')}`, chunk.flatMap(values));
    }
    await client.query('COMMIT');
    return ms(t);
  } finally {
    await client.end();
  }
}
