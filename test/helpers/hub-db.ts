import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { HUB_AUTHOR, HUB_PROTOCOL, type StationRole } from '#shared/contract/hub.contract';
import type { Message } from '#shared/i18n/message';
import { httpHubTransport, type HubTransport } from '../../electron/host/sync/hub-transport';
import { currentOpVersion, isKnownOpType } from '#shared/ops/index';
import { createHub, type Hub, type HubOptions } from '../../electron/hub/create-hub';
import { startHubServer } from '../../electron/hub/hub-server';

export type HubBackend = 'sqlite' | 'postgres';
export const hubBackends: readonly HubBackend[] = ['sqlite', 'postgres'];

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const testDatabaseUrl = () => process.env['PACKDESK_TEST_DATABASE_URL'] || DEFAULT_PG_URL;

/**
 * Fresh, isolated hub storage for tests: a temp folder per hub on SQLite, a new schema per hub on
 * PostgreSQL (dropped by dispose). PostgreSQL being down fails the tests with how to start it;
 * they are never skipped.
 */
export function hubStorage(backend: HubBackend) {
  const dirs: string[] = [];
  const schemas: string[] = [];
  let checked: Promise<void> | undefined;
  const url = testDatabaseUrl();

  return {
    async fresh(): Promise<HubOptions> {
      // Either engine has a data folder: a PostgreSQL hub keeps the stations' photos and videos there.
      const dir = mkdtempSync(join(tmpdir(), 'packdesk-hub-'));
      dirs.push(dir);
      if (backend === 'sqlite') return { dataDir: dir };
      checked ??= reachable(url);
      await checked;
      const schema = `hub_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      schemas.push(schema);
      return { databaseUrl: url, pgSchema: schema, dataDir: dir };
    },
    async dispose(): Promise<void> {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
      if (schemas.length === 0) return;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

async function reachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${url} (${(error as Error).message}). The hub tests run on PostgreSQL too: ` +
        'start it with `pg_ctlcluster --skip-systemctl-redirect 15 main start` (Debian: apt-get install -y postgresql), ' +
        'or point PACKDESK_TEST_DATABASE_URL at another server.',
    );
  } finally {
    await client.end().catch(() => {});
  }
}

export const versions = { protocol: HUB_PROTOCOL, appVersion: '0.1.0-test', schemaVersion: 2 };

export type TestHub = {
  hub: Hub;
  /** https://127.0.0.1:<port>: the hub serves TLS with its own certificate, as in a shop. */
  url: string;
  /** The certificate fingerprint a station pins (what the admin reads off the hub). */
  fingerprint: string;
  /** A fresh pairing code of `role`, paired as a new station, ready to talk to the hub over HTTP. */
  station(name: string, role?: StationRole, stationId?: string): Promise<HubStation>;
  close(): Promise<void>;
};

/** Hub URLs the tests know the certificate of: call() pins it, as a paired station does. */
const pins = new Map<string, string>();
export const pinHub = (url: string, fingerprint: string) => void pins.set(url, fingerprint);

/** A real hub on a real port, over TLS: tests talk to it with the station's own transport, pinned. */
export async function startTestHub(options: HubOptions, serve: { insecureHttp?: boolean } = {}): Promise<TestHub> {
  const hub = await createHub(options);
  const server = await startHubServer(hub, { port: 0, ...serve });
  pinHub(server.url, hub.tls.fingerprint);
  return {
    hub,
    url: server.url,
    fingerprint: hub.tls.fingerprint,
    async station(name, role = 'packer', stationId = `st-${name}-${Math.random().toString(36).slice(2, 8)}`) {
      const { code } = await hub.newPairingCode(role);
      const paired = await call(server.url, null, 'POST', '/pair', { ...versions, code, stationId, stationName: name });
      if (paired.status !== 200) throw new Error(`pairing failed: ${JSON.stringify(paired.body)}`);
      return hubStation(server.url, stationId, (paired.body as { token: string }).token);
    },
    async close() {
      await server.close();
      await hub.close();
    },
  };
}

export type Reply<T = Record<string, unknown>> = { status: number; body: T };

const transports = new Map<string, HubTransport>();

/** One request as a station sends it (HTTPS with the hub's pinned certificate). */
export async function call(baseUrl: string, token: string | null, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Reply<never>> {
  const pin = pins.get(baseUrl) ?? null;
  const key = `${baseUrl} ${pin}`;
  if (!transports.has(key)) transports.set(key, httpHubTransport(baseUrl, pin));
  const reply = await transports.get(key)!({ method, path, token, ...(body === undefined ? {} : { body }) });
  return { status: reply.status, body: reply.body as never };
}

export type TestOp = { type: string; payload: unknown; version?: number; opId?: string; authorizedBy?: string };
export type HubStation = ReturnType<typeof hubStation>;

/** The station side of the wire protocol, kept deliberately small: seq counting and the three calls. */
export function hubStation(baseUrl: string, stationId: string, token: string) {
  let seq = 0;
  let opCount = 0;
  const wire = (op: TestOp, stationSeq: number) => ({
    stationSeq,
    opId: op.opId ?? `${stationId}-op-${++opCount}-${Math.random().toString(36).slice(2, 8)}`,
    type: op.type,
    // As a station of this build writes it; tests of older versions say which.
    version: op.version ?? (isKnownOpType(op.type) ? currentOpVersion(op.type) : 1),
    payload: op.payload,
    createdAt: new Date().toISOString(),
    authorizedBy: op.authorizedBy ?? null,
  });
  return {
    stationId,
    token,
    /** Numbers the next ops in order (as the outbox does) without sending them. */
    record: (...ops: TestOp[]) => ops.map((op) => wire(op, ++seq)),
    send: (ops: unknown[], hubEpoch: string | null = null) => call(baseUrl, token, 'POST', '/sync/push', { ...versions, hubEpoch, ops }) as Promise<Reply<PushBody>>,
    push(...ops: TestOp[]) {
      return this.send(this.record(...ops));
    },
    pull(after = 0, limit?: number, hubEpoch?: string) {
      const q = new URLSearchParams({ after: String(after), protocol: String(versions.protocol), appVersion: versions.appVersion, schemaVersion: String(versions.schemaVersion) });
      if (limit !== undefined) q.set('limit', String(limit));
      if (hubEpoch) q.set('hubEpoch', hubEpoch);
      return call(baseUrl, token, 'GET', `/sync/pull?${q}`) as Promise<Reply<PullBody>>;
    },
    lease: (carrierCode: string, count: number) =>
      call(baseUrl, token, 'POST', '/sync/lease', { ...versions, hubEpoch: null, carrierCode, count }) as Promise<Reply<LeaseBody>>,
  };
}

export type PushBody = { hubEpoch: string; results: { stationSeq: number; opId: string; hubSeq: number | null; outcome: string; reason: Message | null }[]; error?: string; expected?: number };
export type Entry = {
  hubSeq: number; opId: string; stationId: string; stationSeq: number | null; type: string; version: number; payload: Record<string, unknown>;
  outcome: string; reason: Message | null; userId: string | null; authorizedBy: string | null;
};
export type PullBody = { hubEpoch: string; entries: Entry[]; upto: number; head: number; error?: string };
export type LeaseBody = { leaseId: string | null; hubSeq: number | null; numbers: string[]; poolLeft: number };

/** Every entry of the log, paging as a station does. */
export async function pullAll(station: HubStation, pageSize = 2000): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (let after = 0; ; ) {
    const page = await station.pull(after, pageSize);
    if (page.status !== 200) throw new Error(`pull failed: ${JSON.stringify(page.body)}`);
    entries.push(...page.body.entries);
    if (page.body.upto >= page.body.head) return entries;
    after = page.body.upto;
  }
}

/** The flags raised so far, as every station sees them: only the hub raises flags. */
export const flagsIn = (entries: readonly Entry[]) =>
  entries.filter((e) => e.type === 'flag.raised' && e.stationId === HUB_AUTHOR).map((e) => e.payload as { flagId: string; kind: string; orderId: string | null; stationIds: string[]; opIds: string[]; message: Message });

/**
 * Runs `during` while the hub's storage cannot take writes: SQLite has its file write-locked by
 * another connection (the hub gives up after its 5 s busy timeout); PostgreSQL has the counter row
 * locked and the hub's waiting session killed, as when the server restarts mid-transaction.
 */
export async function withStorageOutage<T>(backend: HubBackend, options: HubOptions, during: () => Promise<T>): Promise<T> {
  if (backend === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const other = new Database(join(options.dataDir!, 'hub.db'));
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      return await during();
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
  }
  const schema = options.pgSchema!;
  const locker = new pg.Client({ connectionString: options.databaseUrl });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query(`SELECT value FROM "${schema}".hub_counter WHERE id = 1 FOR UPDATE`);
    const result = during();
    for (let killed = 0, tries = 0; killed === 0; tries++) {
      if (tries > 200) throw new Error('the hub never waited for the counter row lock');
      await new Promise((r) => setTimeout(r, 20));
      const res = await locker.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
        [`packdesk-hub:${schema}`],
      );
      killed = res.rowCount ?? 0;
    }
    return await result;
  } finally {
    await locker.query('ROLLBACK').catch(() => {});
    await locker.end();
  }
}
