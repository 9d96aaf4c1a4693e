import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { HubTables } from './hub-schema';
import { privateDatabaseFile } from './private-files';

export type HubDb = Kysely<HubTables>;
export type HubStorage = 'sqlite' | 'postgres';
export type OpenedHubDb = { db: HubDb; storage: HubStorage; where: string };

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/**
 * PostgreSQL when a URL is given, else the embedded SQLite file <dataDir>/hub.db. Both come back
 * as the same Kysely handle, so every query below this line is written once.
 */
export async function openHubDb(options: {
  dataDir?: string;
  databaseUrl?: string;
  pgSchema?: string;
  log?: (line: string) => void;
}): Promise<OpenedHubDb> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.pgSchema, options.log ?? (() => {}));
  if (!options.dataDir) throw new Error('The hub needs a data folder (dataDir) or a PostgreSQL URL (DATABASE_URL).');
  const file = privateDatabaseFile(options.dataDir, 'hub.db');
  const database = new Database(file);
  // FULL: a committed push is on disk before its response leaves, so a power cut cannot lose an
  // op the station has already crossed off. busy_timeout lets the CLI share the file with a running hub.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  return { db: new Kysely<HubTables>({ dialect: new SqliteDialect({ database }) }), storage: 'sqlite', where: file };
}

async function openPostgres(url: string, schema: string | undefined, log: (line: string) => void): Promise<OpenedHubDb> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`Not a plain schema name: "${schema}"`);
  // BIGINT and SUM() arrive as strings by default; hub numbers (hub_seq, stock) are safe integers.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === PG_INT8 || oid === PG_NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format),
  };
  // A bounded lock wait turns a stuck writer into a 503 the station retries, not a hung request.
  const settings = ['-c lock_timeout=15000', ...(schema ? [`-c search_path=${schema}`] : [])].join(' ');
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: settings,
    types: types as pg.CustomTypesConfig,
    // Names the hub's sessions in pg_stat_activity (per schema, so tests can find their own).
    application_name: `packdesk-hub${schema ? `:${schema}` : ''}`.slice(0, 63),
  });
  // A server restart kills connections. An idle one reports to the pool, one in use reports to
  // itself (its query fails too, and the request answers 503); without these listeners the
  // 'error' event would end the hub's process.
  const lost = (error: Error) => log(`hub: PostgreSQL connection lost: ${error.message}`);
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  const db = new Kysely<HubTables>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema) await createSchema(db, schema);
    else await sql`SELECT 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, storage: 'postgres', where: `${redact(url)}${schema ? ` (schema ${schema})` : ''}` };
}

/**
 * `CREATE SCHEMA IF NOT EXISTS` is not atomic in PostgreSQL: two hubs starting together on one schema
 * can both pass the check and one then fails on the catalog's unique index. The schema exists either
 * way, which is all the loser wanted.
 */
async function createSchema(db: Kysely<HubTables>, schema: string): Promise<void> {
  try {
    await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
  }
}

/** The URL without its password, for logs and the CLI banner. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
