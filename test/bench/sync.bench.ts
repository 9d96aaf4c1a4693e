import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogEntry, PushResult, WireOp } from '#shared/contract/hub.contract';
import { httpHubTransport, type HubTransport } from '../../electron/host/sync/hub-transport';
import { hubStorage, startTestHub, testDatabaseUrl, type HubBackend, type TestHub, type TestOp } from '../helpers/hub-db';
import { fixtures } from '../helpers/op-fixtures';
import { barcodeOf, hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';
import { figure, ms, percentile, type Figure } from './stats';
import { rawHttpServer, rawPgInsert, rawSqliteInsert, type LogRow } from './sync-floors';

const SKUS = Array.from({ length: 50 }, (_, i) => `SYNC-${String(i + 1).padStart(3, '0')}`);
const PUSH_BUDGET = { sqlite: '≤ 5 s', postgres: '≤ 2 s' } as const;

/**
 * Sync over real HTTP against a local hub (DESIGN §12): a 10k-op offline backlog pushed by a real
 * station (SQLite hub and PostgreSQL hub), a fresh station catching up on a 100k-entry log, and
 * the cost of one op synced on its own. Floors: the same JSON over plain node:http and the same
 * rows inserted raw in one transaction.
 */
export async function benchSync(backlog = 10_000, logSize = 100_000, rounds = 300): Promise<Figure[]> {
  const work = mkdtempSync(join(tmpdir(), 'packdesk-sync-bench-'));
  const figures: Figure[] = [];
  try {
    for (const backend of ['sqlite', 'postgres'] as const) figures.push(await benchPush(backend, backlog, work));
    figures.push(...(await benchPull(logSize, work)));
    figures.push(...(await benchSteady(rounds, work)));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return figures;
}

type Exchange = { path: string; start: bigint; body: unknown; reply: unknown };

/** The station's real HTTP transport, with every exchange timed and kept (the floors replay them). */
function recordingTransport() {
  const calls: Exchange[] = [];
  const transportFor = (url: string, pin: string | null): HubTransport => {
    const http = httpHubTransport(url, pin);
    return async (request) => {
      const start = process.hrtime.bigint();
      const reply = await http(request);
      calls.push({ path: request.path, start, body: request.body, reply: reply.body });
      return reply;
    };
  };
  return { calls, transportFor };
}

/** A real station (its own SQLite, the real sync client) that syncs only when told. */
async function benchStation(work: string, transportFor: (url: string, pin: string | null) => HubTransport) {
  const host = createTempHost({ dataDir: mkdtempSync(join(work, 'station-')), validateOutput: false, sync: { autoSync: false, transportFor } });
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  return { host, call };
}

const between = (from: bigint, to: bigint) => Number(to - from) / 1e6;

async function benchPush(backend: HubBackend, backlog: number, work: string): Promise<Figure> {
  const storage = hubStorage(backend);
  const recorder = recordingTransport();
  const { host, call } = await benchStation(work, recorder.transportFor);
  try {
    // The backlog, recorded while unpaired: the SKUs, then stock movements until there are `backlog` ops.
    for (const code of SKUS) await call('catalog.saveSku', { code, name: `商品 ${code}`, weightG: 150, location: 'A-01', barcodes: [{ barcode: barcodeOf(code), units: 1 }] });
    const actor = { userId: host.context.db.prepare('SELECT id FROM users LIMIT 1').pluck().get() as string, authorizerId: null };
    const movements = backlog - host.context.sync.service.status().pendingOps;
    host.context.db.transaction(() => {
      for (let i = 0; i < movements; i++) host.context.catalog.adjustStock(SKUS[i % SKUS.length]!, 1 + (i % 7), { kind: 'received', note: '' }, actor);
    })();
    const pending = host.context.sync.service.status().pendingOps;

    const hub = await startTestHub(await storage.fresh());
    try {
      const { code } = await hub.hub.newPairingCode('supervisor');
      const t = process.hrtime.bigint();
      const status = await call('sync.pair', { hubUrl: hub.url, code, fingerprint: hub.hub.tls.fingerprint, stationName: '压测台' });
      const whole = ms(t);
      if (status.pendingOps !== 0 || status.lastError) throw new Error(`push bench did not drain: ${JSON.stringify(status)}`);
      const pushes = recorder.calls.filter((c) => c.path === '/sync/push');
      const firstPull = recorder.calls.find((c) => c.path === '/sync/pull')!;
      // From the first batch leaving to the pull starting: every batch, every answer, every outbox confirmation.
      const pushMs = between(pushes[0]!.start, firstPull.start);

      const http = await rawHttpServer();
      await http.roundTrip(pushes[0]!.body, pushes[0]!.reply);
      let httpMs = 0;
      for (const p of pushes) httpMs += await http.roundTrip(p.body, p.reply);
      await http.close();
      const rows = pushes.flatMap((p) => pushedRows(p, host.context.sync.service.status().stationId));
      const floorStore = await storage.fresh();
      const insertMs = backend === 'sqlite'
        ? rawSqliteInsert(work, rows)
        : await rawPgInsert(floorStore.databaseUrl ?? testDatabaseUrl(), floorStore.pgSchema!, rows);
      const store = backend === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      return figure({
        path: `sync push, ${pending / 1000}k-op offline backlog → local hub (${store})`,
        value: pushMs / 1000,
        unit: 's',
        budget: PUSH_BUDGET[backend],
        floor: { name: `same batches over raw HTTP + raw ${backend === 'sqlite' ? 'SQLite' : 'pg'} insert`, value: (httpMs + insertMs) / 1000 },
        note: `${pushes.length} batches, ${Math.round(pending / (pushMs / 1000))} ops/s; floor = HTTP ${(httpMs / 1000).toFixed(2)} s + insert ${(insertMs / 1000).toFixed(2)} s; pair → synced ${(whole / 1000).toFixed(2)} s`,
      });
    } finally {
      await hub.close();
    }
  } finally {
    host.close();
    await storage.dispose();
  }
}

function pushedRows(exchange: Exchange, stationId: string): LogRow[] {
  const { ops } = exchange.body as { ops: WireOp[] };
  const { results } = exchange.reply as { results: PushResult[] };
  const at = new Date().toISOString();
  return ops.map((op, i) => ({
    hubSeq: results[i]!.hubSeq ?? 0, opId: op.opId, stationId, stationSeq: op.stationSeq, type: op.type, version: op.version,
    payload: JSON.stringify(op.payload), outcome: results[i]!.outcome, reason: null, createdAt: op.createdAt, receivedAt: at,
  }));
}

/** What other stations' days look like in the log: stock movements and scans, after the catalog. */
export function feederOps(n: number, from: number): TestOp[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const sku = SKUS[i % SKUS.length]!;
    // Built by the op fixtures, which the type check holds to each op's current schema (a payload
    // written here by hand went stale when sku.saved gained safetyStock, and the hub refused it).
    if (i < SKUS.length) return { type: 'sku.saved', payload: fixtures['sku.saved']({ code: sku, name: `商品 ${sku}`, weightG: 150, location: 'A-01' }) };
    if (i % 2 === 0) return { type: 'stock.delta', payload: fixtures['stock.delta']({ id: `feed-delta-${i}`, skuCode: sku, delta: 1 + (i % 5), bucket: 'sellable', cause: 'adjust', ref: null, note: '入库' }) };
    return {
      type: 'scan.recorded',
      payload: fixtures['scan.recorded']({ id: `feed-scan-${i}`, orderId: null, packerId: null, code: barcodeOf(sku), outcome: 'not_found', skuCode: null, lineNo: null, units: 0, at: new Date().toISOString() }),
    };
  });
}

/**
 * A fresh station catching up on a `logSize`-entry log. The log is filled once, through the
 * protocol, on the SQLite hub; the PostgreSQL hub gets the same log from its backup (restored).
 */
async function benchPull(logSize: number, work: string): Promise<Figure[]> {
  const storages = { sqlite: hubStorage('sqlite'), postgres: hubStorage('postgres') };
  const sqliteHub = await startTestHub(await storages.sqlite.fresh());
  try {
    // Another station (a raw protocol client) has filled the log.
    const feeder = await sqliteHub.station('feeder', 'supervisor');
    for (let sent = 0; sent < logSize; sent += 500) {
      const reply = await feeder.push(...feederOps(Math.min(500, logSize - sent), sent));
      const refused = reply.body.results?.find((r) => r.outcome !== 'accepted' && r.outcome !== 'conflict');
      if (reply.status !== 200 || refused) throw new Error(`feeding the hub failed: ${JSON.stringify(refused ?? reply.body).slice(0, 500)}`);
    }
    const figures = [await catchUp(sqliteHub, work)];
    const pgHub = await startTestHub(await storages.postgres.fresh());
    try {
      await pgHub.hub.restore(await sqliteHub.hub.backup());
      figures.push(await catchUp(pgHub, work));
    } finally {
      await pgHub.close();
    }
    return figures;
  } finally {
    await sqliteHub.close();
    await storages.sqlite.dispose();
    await storages.postgres.dispose();
  }
}

async function catchUp(hub: TestHub, work: string): Promise<Figure> {
  const recorder = recordingTransport();
  const { host, call } = await benchStation(work, recorder.transportFor);
  try {
    const head = await hub.hub.head();
    const { code } = await hub.hub.newPairingCode('packer');
    const t = process.hrtime.bigint();
    const status = await call('sync.pair', { hubUrl: hub.url, code, fingerprint: hub.hub.tls.fingerprint, stationName: '新工位' });
    const whole = ms(t);
    const done = process.hrtime.bigint();
    if (status.cursor !== head || status.lastError) throw new Error(`pull bench did not catch up: ${JSON.stringify(status)} (head ${head})`);
    const pulls = recorder.calls.filter((c) => c.path === '/sync/pull');
    const lease = recorder.calls.find((c) => c.path === '/sync/lease');
    // From the first page asked for to the last one applied with its cursor (the leases that follow are not part of it).
    const pullMs = between(pulls[0]!.start, lease?.start ?? done);

    const http = await rawHttpServer();
    await http.roundTrip(undefined, pulls[0]!.reply);
    let httpMs = 0;
    for (const p of pulls) httpMs += await http.roundTrip(undefined, p.reply);
    await http.close();
    const rows = pulls.flatMap((p) => (p.reply as { entries: LogEntry[] }).entries).map((e): LogRow => ({
      hubSeq: e.hubSeq, opId: e.opId, stationId: e.stationId, stationSeq: e.stationSeq, type: e.type, version: e.version,
      payload: JSON.stringify(e.payload), outcome: e.outcome, reason: e.reason && JSON.stringify(e.reason), createdAt: e.createdAt, receivedAt: e.createdAt,
    }));
    const insertMs = rawSqliteInsert(work, rows);
    return figure({
      path: `sync pull catch-up, fresh station, ${Math.round(head / 1000)}k log entries (${hub.hub.storage === 'sqlite' ? 'SQLite' : 'PostgreSQL'} hub)`,
      value: pullMs / 1000,
      unit: 's',
      budget: '—',
      floor: { name: 'same pages over raw HTTP + raw SQLite insert', value: (httpMs + insertMs) / 1000 },
      note: `${pulls.length} pages, ${Math.round(head / (pullMs / 1000))} entries/s; floor = HTTP ${(httpMs / 1000).toFixed(2)} s + insert ${(insertMs / 1000).toFixed(2)} s; pair → synced ${(whole / 1000).toFixed(2)} s`,
    });
  } finally {
    host.close();
  }
}

/** One stock movement recorded, then one sync round (push it, pull it back confirmed), again and again. */
async function benchSteady(rounds: number, work: string): Promise<Figure[]> {
  const storage = hubStorage('sqlite');
  const hub = await startTestHub(await storage.fresh());
  const recorder = recordingTransport();
  const { host, call } = await benchStation(work, recorder.transportFor);
  try {
    const { code } = await hub.hub.newPairingCode('supervisor');
    await call('catalog.saveSku', { code: SKUS[0]!, name: '商品', weightG: 150, location: 'A-01', barcodes: [{ barcode: barcodeOf(SKUS[0]!), units: 1 }] });
    await call('sync.pair', { hubUrl: hub.url, code, fingerprint: hub.hub.tls.fingerprint, stationName: '压测台' });
    const times: number[] = [];
    const warmup = 20;
    let measuredFrom = 0;
    for (let k = 0; k < rounds + warmup; k++) {
      if (k === warmup) measuredFrom = recorder.calls.length;
      await call('stock.adjust', { skuCode: SKUS[0]!, delta: k % 2 === 0 ? 1 : -1, kind: 'other', note: '盘点' });
      const t = process.hrtime.bigint();
      const status = await call('sync.now', {});
      const took = ms(t);
      if (status.pendingOps !== 0 || status.lastError) throw new Error(`steady bench did not sync: ${JSON.stringify(status)}`);
      if (k >= warmup) times.push(took);
    }
    // The floor: the round's two exchanges (a one-op push, a one-entry pull) over raw HTTP.
    const push = recorder.calls.filter((c) => c.path === '/sync/push').at(-1)!;
    const pull = recorder.calls.filter((c) => c.path === '/sync/pull').at(-1)!;
    const exchanges = recorder.calls.slice(measuredFrom);
    const perRound = (exchanges.length / rounds).toFixed(1);
    const http = await rawHttpServer();
    const floor: number[] = [];
    for (let k = 0; k < rounds + warmup; k++) {
      const took = (await http.roundTrip(push.body, push.reply)) + (await http.roundTrip(undefined, pull.reply));
      if (k >= warmup) floor.push(took);
    }
    await http.close();
    const floorName = 'raw HTTP push + pull round trips';
    return [
      figure({ path: 'sync round for one new op (push + pull), p50', value: percentile(times, 50), unit: 'ms', budget: '—', floor: { name: `${floorName} p50`, value: percentile(floor, 50) } }),
      figure({
        path: 'sync round for one new op (push + pull), p95', value: percentile(times, 95), unit: 'ms', budget: '—',
        floor: { name: `${floorName} p95`, value: percentile(floor, 95) }, note: `${rounds} rounds, SQLite hub, ${perRound} HTTP exchanges per round`,
      }),
    ];
  } finally {
    host.close();
    await hub.close();
    await storage.dispose();
  }
}
