import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { HubTables } from './hub-schema';
import { migrateHub, type HubMigration } from './migrate-hub';
import { hubMigrations } from './migrations/index';
import { openHubDb } from './open-hub-db';

type Column = { name: string; type: string; notnull: number; dflt_value: string | null; pk: number };
type Schema = { tables: Map<string, Column[]>; indexes: Map<string, { table: string; sql: string | null; unique: boolean }> };

async function schemaOf(db: Kysely<HubTables>): Promise<Schema> {
  const objects = await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
    SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db);
  const tables = new Map<string, Column[]>();
  const indexes: Schema['indexes'] = new Map();
  for (const o of objects.rows) {
    if (o.type === 'table') tables.set(o.name, (await sql<Column>`SELECT * FROM pragma_table_info(${o.name})`.execute(db)).rows);
  }
  for (const table of tables.keys()) {
    const list = await sql<{ name: string; unique: number }>`SELECT name, "unique" FROM pragma_index_list(${table})`.execute(db);
    for (const i of list.rows) indexes.set(i.name, { table, sql: objects.rows.find((o) => o.name === i.name)?.sql ?? null, unique: i.unique === 1 });
  }
  return { tables, indexes };
}

/**
 * What a migration may not do to what was there before it: drop, rename or retype a table,
 * column or index; add a NOT NULL column without a default; add a UNIQUE index to an existing
 * table (existing rows could violate it). An older hub must still read the data.
 */
function additiveViolations(before: Schema, after: Schema): string[] {
  const problems: string[] = [];
  for (const [table, columns] of before.tables) {
    const now = after.tables.get(table);
    if (!now) {
      problems.push(`table ${table} was dropped or renamed`);
      continue;
    }
    for (const c of columns) {
      const n = now.find((x) => x.name === c.name);
      if (!n) problems.push(`column ${table}.${c.name} was dropped or renamed`);
      else if (n.type !== c.type || n.notnull !== c.notnull || n.dflt_value !== c.dflt_value || n.pk !== c.pk) {
        problems.push(`column ${table}.${c.name} changed (${c.type} → ${n.type})`);
      }
    }
    for (const n of now.filter((x) => !columns.some((c) => c.name === x.name))) {
      if (n.notnull && n.dflt_value === null) problems.push(`new column ${table}.${n.name} is NOT NULL without a default`);
    }
  }
  for (const [name, index] of before.indexes) {
    if (!after.tables.has(index.table)) continue; // already reported with its table
    const now = after.indexes.get(name);
    if (!now) problems.push(`index ${name} was dropped`);
    else if (now.sql !== index.sql) problems.push(`index ${name} was changed`);
  }
  for (const [name, index] of after.indexes) {
    if (!before.indexes.has(name) && index.unique && before.tables.has(index.table)) problems.push(`new UNIQUE index ${name} on existing table ${index.table}`);
  }
  return problems;
}

/** Runs the chain one migration at a time on a fresh SQLite hub and collects every violation. */
async function checkChain(migrations: readonly HubMigration[]): Promise<string[]> {
  const { db } = await openHubDb({ dataDir: mkdtempSync(join(tmpdir(), 'packdesk-hub-mig-')) });
  try {
    let before = await schemaOf(db);
    const problems: string[] = [];
    for (const m of migrations) {
      await migrateHub(db, migrations, m.name);
      const after = await schemaOf(db);
      problems.push(...additiveViolations(before, after).map((p) => `${m.name}: ${p}`));
      before = after;
    }
    return problems;
  } finally {
    await db.destroy();
  }
}

describe('hub migrations', () => {
  it('are additive only, step by step through the real chain', async () => {
    expect(await checkChain(hubMigrations)).toEqual([]);
  });

  it('the check catches drops, renames, unsafe new columns and new unique indexes', async () => {
    const destructive: HubMigration = {
      name: '9999-destructive',
      async up(db) {
        await db.schema.alterTable('hub_flags').dropColumn('resolution').execute();
        await db.schema.alterTable('hub_damage').renameTo('hub_damage_reports').execute();
        await db.schema.dropIndex('hub_decisions_report').execute();
        await db.schema.alterTable('hub_orders').addColumn('shop', 'text', (c) => c.notNull()).execute();
        await db.schema.createIndex('hub_stock_sku_unique').on('hub_stock').column('sku_code').unique().execute();
      },
    };
    expect(await checkChain([...hubMigrations, destructive])).toEqual([
      '9999-destructive: table hub_damage was dropped or renamed',
      '9999-destructive: column hub_flags.resolution was dropped or renamed',
      '9999-destructive: new column hub_orders.shop is NOT NULL without a default',
      '9999-destructive: index hub_decisions_report was dropped',
      '9999-destructive: new UNIQUE index hub_stock_sku_unique on existing table hub_stock',
    ]);
  });

  it('0013 gives the 子母件 children of numbers fetched before it rows of their own, read from their waybill.issued entries', async () => {
    const { db } = await openHubDb({ dataDir: mkdtempSync(join(tmpdir(), 'packdesk-hub-mig-')) });
    try {
      await migrateHub(db, hubMigrations, '0012-hub-tracking-trace-age');
      const at = '2026-12-01T02:00:00.000Z';
      const issued = (seq: number, trackingNo: string, childNumbers: unknown, cancel: 'cancelled' | null) => Promise.all([
        db.insertInto('hub_log').values({
          hub_seq: seq, op_id: `hub-${seq}`, station_id: 'hub', station_seq: null, type: 'waybill.issued', version: 1, outcome: 'accepted', reason: null,
          payload: JSON.stringify({ orderId: `taobao:${seq}`, trackingNo, childNumbers }), created_at: at, received_at: at, user_id: null, authorized_by: null,
        }).execute(),
        db.insertInto('hub_provider_waybills').values({
          carrier_code: 'ZTO', tracking_no: trackingNo, provider: 'kuaidi100', order_id: `taobao:${seq}`, request_key: `taobao_${seq}`, provider_ref: `KD${trackingNo}`,
          hub_seq: seq, issued_at: at, cancel_state: cancel, cancel_attempts: cancel ? 1 : 0, cancel_next_at: null, cancel_error: null,
        } as never).execute(),
      ]);
      await issued(1, '73100000000001', ['73100000000002', '73100000000003'], null);
      await issued(2, '73100000000004', ['73100000000005'], 'cancelled');
      await issued(3, '73100000000006', [], null);
      await issued(4, '73100000000007', 'not a list', null);
      await migrateHub(db, hubMigrations);
      const rows = await db.selectFrom('hub_provider_waybills').select(['tracking_no', 'parent_no', 'request_key', 'provider_ref', 'cancel_state']).orderBy('tracking_no').execute();
      expect(rows).toEqual([
        { tracking_no: '73100000000001', parent_no: null, request_key: 'taobao_1', provider_ref: 'KD73100000000001', cancel_state: null },
        { tracking_no: '73100000000002', parent_no: '73100000000001', request_key: 'taobao_1#1', provider_ref: 'KD73100000000001', cancel_state: null },
        { tracking_no: '73100000000003', parent_no: '73100000000001', request_key: 'taobao_1#2', provider_ref: 'KD73100000000001', cancel_state: null },
        { tracking_no: '73100000000004', parent_no: null, request_key: 'taobao_2', provider_ref: 'KD73100000000004', cancel_state: 'cancelled' },
        // A child of a number already cancelled went with it.
        { tracking_no: '73100000000005', parent_no: '73100000000004', request_key: 'taobao_2#1', provider_ref: 'KD73100000000004', cancel_state: 'cancelled' },
        { tracking_no: '73100000000006', parent_no: null, request_key: 'taobao_3', provider_ref: 'KD73100000000006', cancel_state: null },
        { tracking_no: '73100000000007', parent_no: null, request_key: 'taobao_4', provider_ref: 'KD73100000000007', cancel_state: null },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('is idempotent and refuses a database a newer hub has migrated', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'packdesk-hub-mig-'));
    const { db } = await openHubDb({ dataDir });
    try {
      expect(await migrateHub(db, hubMigrations)).toEqual(hubMigrations.map((m) => m.name));
      expect(await migrateHub(db, hubMigrations)).toEqual([]);
      await db.insertInto('hub_migrations').values({ name: '9000-from-the-future', applied_at: '' }).execute();
      await expect(migrateHub(db, hubMigrations)).rejects.toThrow(/newer Packdesk \(migration 9000-from-the-future\)/);
      expect((await db.selectFrom('hub_counter').select('value').executeTakeFirstOrThrow()).value).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});
