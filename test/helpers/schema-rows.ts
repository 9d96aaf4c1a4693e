import type { Db } from '../../electron/host/db/open-database';

/**
 * A row with every required column filled (the rest as the schema defaults them), for migration
 * tests that lay down an older version's data: only the columns a test is about are named.
 */
export function insertRow(db: Db, table: string, values: Record<string, unknown>): void {
  const cols = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; notnull: number; dflt_value: unknown }[];
  const row: Record<string, unknown> = {};
  for (const c of cols) if (c.notnull && c.dflt_value === null) row[c.name] = c.type === 'INTEGER' ? 1 : '';
  Object.assign(row, values);
  const names = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(row);
}
