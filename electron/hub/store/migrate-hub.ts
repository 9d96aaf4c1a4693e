import type { Kysely } from 'kysely';
import type { HubTables } from './hub-schema';

/** One forward-only, additive schema step. Its `up` runs inside the migration transaction. */
export type HubMigration = { name: string; up(db: Kysely<HubTables>): Promise<void> };

const LOCK_ROW = '~lock';

/**
 * Applies pending migrations in one transaction, on SQLite and PostgreSQL alike (both have
 * transactional DDL). A database that has applied a migration this build does not know was
 * written by a newer hub, and is refused untouched rather than misread.
 */
export async function migrateHub(db: Kysely<HubTables>, migrations: readonly HubMigration[], target?: string): Promise<string[]> {
  const names = migrations.map((m) => m.name);
  if (new Set(names).size !== names.length || names.some((n, i) => i > 0 && n <= (names[i - 1] ?? ''))) {
    throw new Error(`Hub migrations must be listed once each, in order: ${names.join(', ')}`);
  }
  const until = target === undefined ? migrations.length : names.indexOf(target) + 1;
  if (until === 0) throw new Error(`No hub migration named ${target}`);
  await db.schema
    .createTable('hub_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  return db.transaction().execute(async (trx) => {
    // Writing the lock row first serializes two hubs starting on one database: the second waits
    // here (row lock on PostgreSQL, write lock on SQLite) and then sees the first one's work.
    const now = new Date().toISOString();
    await trx
      .insertInto('hub_migrations')
      .values({ name: LOCK_ROW, applied_at: now })
      .onConflict((oc) => oc.column('name').doUpdateSet({ applied_at: now }))
      .execute();
    const applied = new Set((await trx.selectFrom('hub_migrations').select('name').execute()).map((r) => r.name));
    applied.delete(LOCK_ROW);
    const unknown = [...applied].filter((n) => !names.includes(n));
    if (unknown.length > 0) {
      throw new Error(
        `This hub database was written by a newer Packdesk (migration ${unknown.join(', ')}). Update Packdesk; the data has not been touched.`,
      );
    }
    const ran: string[] = [];
    for (const m of migrations.slice(0, until)) {
      if (applied.has(m.name)) continue;
      await m.up(trx);
      await trx.insertInto('hub_migrations').values({ name: m.name, applied_at: now }).execute();
      ran.push(m.name);
    }
    return ran;
  });
}
