import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { migrations } from './migrations/index';

/**
 * Stations of different versions sync with one hub, and an older app must still read a database a
 * newer one touched: after the first release every migration only adds (research/sync.md §7.7).
 */
const ADDITIVE_FROM = 2;

type Column = { name: string; type: string; notnull: number; dflt_value: string | null; pk: number };
function schemaOf(db: Database.Database) {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return new Map(
    tables.map((t) => [t, new Map((db.pragma(`table_info(${t})`) as Column[]).map((c) => [c.name, c]))] as const),
  );
}
const uniqueIndexesOf = (db: Database.Database, table: string) =>
  (db.pragma(`index_list(${table})`) as { name: string; unique: number; origin: string }[]).filter((i) => i.unique === 1).map((i) => i.name);

describe('station migrations after the first release are additive', () => {
  for (const m of migrations.filter((x) => x.version >= ADDITIVE_FROM)) {
    it(`${m.name} keeps every table and column and adds only safe ones`, () => {
      const db = new Database(':memory:');
      migrate(db, migrations, m.version - 1);
      const before = schemaOf(db);
      const uniqueBefore = new Map([...before.keys()].map((t) => [t, uniqueIndexesOf(db, t)]));
      migrate(db, migrations, m.version);
      const after = schemaOf(db);
      for (const [table, columns] of before) {
        expect(after.has(table), `${m.name} dropped table ${table}`).toBe(true);
        for (const [name, column] of columns) {
          expect(after.get(table)?.get(name), `${m.name} changed ${table}.${name}`).toEqual(column);
        }
        for (const [name, column] of after.get(table) ?? []) {
          if (columns.has(name)) continue;
          expect(column.notnull === 0 || column.dflt_value !== null, `${m.name}: new NOT NULL column ${table}.${name} needs a default`).toBe(true);
        }
        expect(uniqueIndexesOf(db, table), `${m.name} added a UNIQUE index to existing table ${table}`).toEqual(uniqueBefore.get(table));
      }
    });
  }

  it('catches a destructive step (the check itself can fail)', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const before = schemaOf(db);
    db.exec('ALTER TABLE outbox DROP COLUMN reason');
    expect(schemaOf(db).get('outbox')?.has('reason')).toBe(false);
    expect(before.get('outbox')?.has('reason')).toBe(true);
  });
});
