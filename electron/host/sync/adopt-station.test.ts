import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { openDatabase, type Db } from '../db/open-database';
import { createStationAdoption, STATION_COLUMNS } from './adopt-station';
import { createStationIdentity } from './station-identity';

/** Columns that name a station but are left alone, and why (adopt-station.ts says it too). */
const NOT_RENAMED = new Set([
  'outbox.station_seq', // a sequence number, renumbered by the adoption itself
  'shipments.station_id', // NULL for a parcel packed here
  'flags.station_ids', // dropped by the epoch reset that runs first
]);

type Column = { name: string; type: string; notnull: number; dflt_value: unknown };

/** Every column of the station's schema whose name says it holds a station (a bench) id. */
function stationColumns(db: Db): string[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return tables.flatMap((table) =>
    (db.prepare(`PRAGMA table_info(${table})`).all() as Column[]).filter((c) => /station|bench|issuer/.test(c.name)).map((c) => `${table}.${c.name}`),
  );
}

/** A row with every required column filled and the given column naming `id`. */
function rowNaming(db: Db, table: string, column: string, id: string): void {
  const row: Record<string, unknown> = {};
  for (const c of db.prepare(`PRAGMA table_info(${table})`).all() as Column[]) {
    if (c.notnull && c.dflt_value === null) row[c.name] = c.type === 'INTEGER' ? 1 : `${table}-${c.name}`;
  }
  row[column] = id;
  const names = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(row);
}

describe('a PC taking over a replaced station', () => {
  it('names the adopted station in every row that named this PC: its returns, handovers, inbox notes, 取号 numbers and admin stay its own', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'packdesk-adopt-')), 'station.db'));
    migrate(db, migrations);
    const identity = createStationIdentity(db);
    const previous = identity.id();
    // A table added later with a station column must be renamed too, or listed above with why not.
    const renamed = STATION_COLUMNS.map(([table, column]) => `${table}.${column}`);
    expect(stationColumns(db).filter((c) => !renamed.includes(c) && !NOT_RENAMED.has(c))).toEqual([]);

    // The rows only carry an id: their other columns' CHECKs are not what this test is about.
    db.pragma('ignore_check_constraints = ON');
    for (const [table, column] of STATION_COLUMNS) {
      // handovers has three such columns: one row names this PC in all of them.
      if (!(table === 'handovers' && column !== 'station_id')) rowNaming(db, table, column, previous);
    }
    db.prepare('UPDATE handovers SET closed_station = ?, abandoned_station = ?').run(previous, previous);
    createStationAdoption(db, identity)('lost-station', 0);

    expect(identity.id()).toBe('lost-station');
    const naming = (id: string) => STATION_COLUMNS.filter(([table, column]) => db.prepare(`SELECT count(*) FROM ${table} WHERE ${column} = ?`).pluck().get(id) !== 0);
    expect(naming(previous)).toEqual([]);
    expect(naming('lost-station')).toEqual(STATION_COLUMNS);
  });
});
