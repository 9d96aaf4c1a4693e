import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * The station and the hub as the shop runs them: built CLI processes, each killable with SIGKILL
 * at any moment. Used by sync-crash.test.ts.
 */
export const CLI = 'out/main/cli.js';

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** A port nothing listens on now; the hub gets it on every restart, so the station's paired URL stays valid. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A one-shot CLI command; `kill` SIGKILLs it wherever it is. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<Exit & { stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    done,
    kill() {
      child.kill('SIGKILL');
      return done;
    },
  };
}

/** `packdesk hub` on a fixed port: resolves once it prints its URL and pairing codes. */
export async function startHubProcess(port: number, dataDir: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [CLI, 'hub', '--port', String(port), '--data-dir', dataDir, '--lang', 'en'], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env },
  });
  let output = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const banner = await new Promise<{ url: string; supervisorCode: string; fingerprint: string }>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      const url = /Packdesk hub: (\S+)/.exec(output)?.[1];
      const supervisorCode = /supervisor station:\s+(\d{8})/.exec(output)?.[1];
      const fingerprint = /fingerprint \(SHA-256\): ([0-9A-F ]+)/.exec(output)?.[1]?.trim();
      if (url && supervisorCode && fingerprint) resolve({ url, supervisorCode, fingerprint });
    });
    void exited.then((e) => reject(new Error(`the hub exited before serving (${e.code ?? e.signal}): ${stderr || output}`)));
  });
  return {
    ...banner,
    exited,
    /** Power cut: whatever it was doing (committing, answering) stops here. */
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
export type HubProcess = Awaited<ReturnType<typeof startHubProcess>>;

export { startBenchProcess, type BenchProcess, type Outcome } from '../helpers/bench-process';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls the hub's counter row (its value moves only when a log transaction commits) and calls
 * `kill` the moment it moves: the hub has committed, its answer is not yet read by the station.
 * Gives up when `until` settles (the sync process ended first). Resolves whether it fired.
 */
export async function killAtCommit(counter: () => Promise<number>, kill: () => unknown, until: Promise<unknown>): Promise<boolean> {
  let over = false;
  void until.then(() => (over = true));
  const start = await counter();
  while (!over) {
    if ((await counter()) > start) {
      kill();
      return true;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return false;
}

/**
 * Where the hub child keeps its data, and a reader for it. SQLite: <dir>/hub.db, read directly.
 * PostgreSQL: a database created for this run (the hub CLI takes only DATABASE_URL, so a schema
 * cannot isolate it) and dropped by dispose.
 */
export async function hubStore(backend: 'sqlite' | 'postgres', dir: string, baseUrl: string) {
  if (backend === 'sqlite') {
    const file = join(dir, 'hub.db');
    const all = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    };
    /** One connection while watching for a commit: reading the counter must cost far less than a push. */
    const counter = () => {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      const read = db.prepare('SELECT value FROM hub_counter WHERE id = 1').pluck();
      return { read: async () => Number(read.get()), close: () => db.close() };
    };
    return { env: { DATABASE_URL: '' } as NodeJS.ProcessEnv, all, counter, dispose: async () => {} };
  }
  const name = `packdesk_crash_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const reader = new pg.Client({ connectionString: url.toString() });
  await reader.connect();
  const all = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    let n = 0;
    return (await reader.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
  };
  const counter = () => ({
    read: async () => Number((await all<{ value: string }>('SELECT value FROM hub_counter WHERE id = 1'))[0]?.value ?? 0),
    close: () => {},
  });
  return {
    env: { DATABASE_URL: url.toString() } as NodeJS.ProcessEnv,
    all,
    counter,
    async dispose() {
      await reader.end().catch(() => {});
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
export type HubStore = Awaited<ReturnType<typeof hubStore>>;
