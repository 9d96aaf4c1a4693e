import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { StationRole } from '#shared/contract/hub.contract';
import type { Db } from '../../electron/host/db/open-database';
import { createHub, type Hub, type HubBackup } from '../../electron/hub/create-hub';
import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { barcodeOf } from '../host/host-client';
import { checkCrashAtomicity } from './crash-atomicity';
import { createFaultyLink } from './faulty-network';
import { mulberry32 } from './prng';
import type { SentOp } from './reference-refusals';
import { createSimStation, type ShopUser, type SimStation } from './sim-station';

/**
 * The simulated shop (research/sync.md §8): one hub on SQLite whose clock is the simulator's
 * virtual clock, and 2–4 real stations, each behind its own faulty link and with its own skewed
 * clock. The world also keeps the harness's own records, taken after every step, that the
 * invariants are checked against: every op a station ever committed, every waybill number it was
 * leased or used, and every order status it ever showed.
 */
export type WorldConfig = {
  seed: number; roles: StationRole[]; orders?: number; skus?: number; poolSize?: number; initialStock?: number;
  /** The station that, besides honest work, pushes forged ops straight to the hub (sim-byzantine.ts). */
  byzantine?: number;
  /** When the first hub backup is taken: after setup (default), or right after pairing. */
  backupAt?: 'start' | 'setup';
};

type OutboxRow = { station_seq: number; op_id: string; type: string; version: number; payload: string; created_at: string; authorized_by: string | null };
export type RecordedOp = { station: number; stationSeq: number; opId: string; type: string };
export type Violation = { step: number; invariant: number; message: string };

const START = Date.UTC(2025, 5, 2, 1, 0, 0);
/**
 * Users an admin bench makes for the whole shop (a shop without an admin bench has none). Their
 * names sort after the bench administrators' (管理员): a PIN is matched against users in name order,
 * each match an scrypt, and the bench administrator logs in at every start.
 */
export const SHOP_USERS = { supervisor: { name: '魏主管', pin: '2580' }, packer: { name: '韩打包', pin: '1470' } } as const satisfies Record<string, ShopUser>;
export const CARRIER = 'YTO';

export async function createSimWorld(config: WorldConfig) {
  const prng = mulberry32(config.seed);
  const hubDir = mkdtempSync(join(tmpdir(), 'packdesk-sim-hub-'));
  let clockMs = START;
  const hub: Hub = await createHub({ dataDir: hubDir, now: () => new Date(clockMs) });
  const hubDb: Db = new Database(join(hubDir, 'hub.db'), { readonly: true, fileMustExist: true });
  const trace: string[] = [];
  const violations: Violation[] = [];
  let step = 0;
  const pool = Array.from({ length: config.poolSize ?? 3000 }, (_, i) => `YT${String(7_400_000_000_000 + i)}`);
  await hub.importPool(CARRIER, pool);

  const newStation = (role: StationRole, index: number): SimStation =>
    createSimStation({
      index, role, byzantine: index === config.byzantine, link: createFaultyLink({ hub: () => hub.handle, prng: prng.fork() }), virtualNow: () => clockMs,
      log: (line) => trace.push(`  · ${line.slice(0, 200)}`),
    });
  const stations: SimStation[] = config.roles.map(newStation);
  const lastSeq: number[] = [];

  // The harness's own records (never read back from the system under test after the fact).
  /** "s<index>#<station_seq>" → the op (a byzantine bench may reuse another's op id). */
  const ops = new Map<string, RecordedOp>();
  /** number → stations it was ever leased to, in any epoch. */
  const leasedTo = new Map<string, Set<number>>();
  /** shipment id → the station that made it and the number it used. */
  const allocations = new Map<string, { station: number; trackingNo: string; orderId: string }>();
  const statusSeen = new Map<string, { generation: number; rank: number }>();
  const epochSeen = new Map<number, string | null>();
  const backups: { dump: HubBackup; lineage: number[] }[] = [];
  /** The heads the hub was restored at, in the history of its current state (numbers free then were set aside). */
  let lineage: number[] = [];
  let restores = 0;
  let rulesSet = false;

  function recordStation(s: SimStation) {
    if (!s.up) return;
    const rows = s.db.prepare('SELECT station_seq AS stationSeq, op_id AS opId, type FROM outbox WHERE station_seq > ? ORDER BY station_seq').all(lastSeq[s.index] ?? 0) as Omit<RecordedOp, 'station'>[];
    for (const r of rows) {
      ops.set(`s${s.index}#${r.stationSeq}`, { ...r, station: s.index });
      lastSeq[s.index] = r.stationSeq;
    }
    for (const { number } of s.db.prepare('SELECT number FROM waybill_numbers WHERE lease_id IS NOT NULL').all() as { number: string }[]) {
      const holders = leasedTo.get(number) ?? new Set<number>();
      holders.add(s.index);
      leasedTo.set(number, holders);
    }
    const own = s.db.prepare('SELECT id, order_id AS orderId, tracking_no AS trackingNo FROM shipments WHERE station_id IS NULL').all() as { id: string; orderId: string; trackingNo: string }[];
    for (const sh of own) if (!allocations.has(sh.id)) allocations.set(sh.id, { station: s.index, trackingNo: sh.trackingNo, orderId: sh.orderId });
    // Invariant 9: the (generation, rank) a station shows for an order never goes down — within one
    // hub epoch. After a restore the station drops what it derived from the old log and rebuilds it
    // from the new one (invariant 13), like the hub itself.
    const epoch = (s.db.prepare("SELECT value FROM meta WHERE key = 'sync.hub_epoch'").pluck().get() as string | undefined) ?? null;
    if (epochSeen.get(s.index) !== epoch) {
      epochSeen.set(s.index, epoch);
      for (const key of [...statusSeen.keys()]) if (key.startsWith(`s${s.index}|`)) statusSeen.delete(key);
    }
    for (const o of s.db.prepare('SELECT id, status_generation AS generation, status_rank AS rank FROM orders').all() as { id: string; generation: number; rank: number }[]) {
      checkMonotonic(`s${s.index}`, o.id, o);
    }
  }

  function checkMonotonic(where: string, orderId: string, now: { generation: number; rank: number }) {
    const key = `${where}|${orderId}`;
    const before = statusSeen.get(key);
    if (before && (now.generation < before.generation || (now.generation === before.generation && now.rank < before.rank))) {
      violations.push({ step, invariant: 9, message: `${where} order ${orderId} status went back from ${before.generation}.${before.rank} to ${now.generation}.${now.rank}` });
    }
    statusSeen.set(key, { generation: now.generation, rank: now.rank });
  }

  function observe() {
    for (const s of stations) recordStation(s);
    for (const o of hubDb.prepare('SELECT order_id AS id, generation, rank FROM hub_orders').all() as { id: string; generation: number; rank: number }[]) {
      checkMonotonic('hub', o.id, o);
    }
  }

  const head = () => hub.head();
  /** Ops the hub has not answered yet (a refused op is answered: outcome rejected, no hub_seq). */
  const unconfirmed = (s: SimStation) => s.db.prepare('SELECT count(*) FROM outbox WHERE hub_seq IS NULL AND outcome IS NULL').pluck().get() as number;
  const cursorOf = (s: SimStation) => Number(s.db.prepare("SELECT value FROM meta WHERE key = 'sync.cursor'").pluck().get() ?? 0);

  const world = {
    config, hub, hubDb: hubDb as Db, hubDir, stations, trace, violations, ops, leasedTo, allocations, pool, backups,
    orderIds: [] as string[],
    /** Called before every step (a scenario moves the process clock here). */
    beforeStep: null as (() => void) | null,
    skus: defaultSkus(config.skus ?? 5),
    get step() {
      return step;
    },
    get restores() {
      return restores;
    },
    get restoredAt(): readonly number[] {
      return lineage;
    },
    /** Every op as its station sent it (outboxes are never pruned), by station id and seq. */
    sentOps(): (stationId: string, stationSeq: number) => SentOp | undefined {
      const rows = new Map<string, OutboxRow & { stationId: string }>();
      for (const s of stations) {
        for (const r of s.db.prepare('SELECT station_seq, op_id, type, version, payload, created_at, authorized_by FROM outbox').all() as OutboxRow[]) {
          rows.set(`${s.stationId}|${r.station_seq}`, { ...r, stationId: s.stationId });
        }
      }
      // Parsed when asked for: a 10k-op backlog is mostly compared as text.
      return (stationId, stationSeq) => {
        const r = rows.get(`${stationId}|${stationSeq}`);
        return r && {
          stationId, stationSeq, opId: r.op_id, type: r.type, version: r.version, payload: JSON.parse(r.payload), payloadText: r.payload,
          createdAt: r.created_at, authorizedBy: r.authorized_by,
        };
      };
    },
    now: () => clockMs,
    advance: (ms: number) => void (clockMs += ms),
    head,
    cursorOf,
    unconfirmed,
    /** Runs one simulator step, records what it did, then takes the harness's records. */
    async run(label: string, work: () => Promise<string> | string): Promise<string> {
      world.beforeStep?.();
      step++;
      clockMs += 1000;
      let outcome: string;
      try {
        outcome = await work();
      } catch (error) {
        trace.push(`${step}. ${label} → threw ${String(error)}`);
        throw error;
      }
      for (const s of stations) if (s.up) await s.settle();
      trace.push(`${step}. ${label}${outcome ? ` → ${outcome}` : ''}`);
      observe();
      return outcome;
    },
    /** Crash then start again on the same data folder. `midRound`: the crash hits after that many requests of a sync round. */
    async crashAndRestart(i: number, midRound?: number): Promise<string> {
      const s = stations[i]!;
      let detail = 'between operations';
      if (midRound !== undefined && s.up) {
        s.link.crashAfter(midRound, () => s.crash());
        detail = `mid-round after ${midRound} requests (${await s.sync()})`;
        s.link.cancelCrash();
      }
      recordStation(s);
      s.crash();
      await s.start();
      // Invariant 5 right after the restart, before anything else touches the station.
      checkCrashAtomicity(s, (invariant, message) => violations.push({ step, invariant, message: `after restart: ${message}` }));
      return detail;
    },
    /** A bench PC joins the shop (at setup, or later: a new PC set up after a restore). */
    async addStation(role: StationRole, index = stations.length): Promise<SimStation> {
      const s = stations[index] ?? newStation(role, index);
      stations[index] = s;
      await s.start();
      const { code } = await hub.newPairingCode(role);
      await world.run(`pair s${index} as ${role}`, async () => (await s.call('sync.pair', { hubUrl: 'http://sim-hub', insecureHttp: true, code, stationName: `站 ${index}` })).state);
      // The carrier rules are the shop's: the first bench that may set them does, the others pull them.
      if (role !== 'packer' && !rulesSet) {
        await s.call('carriers.saveRules', { rules: [], defaultCarrier: CARRIER });
        rulesSet = true;
      }
      return s;
    },
    async backupHub(): Promise<string> {
      backups.push({ dump: structuredClone(await hub.backup()), lineage: [...lineage] });
      return `backup #${backups.length - 1} at head ${backups.at(-1)!.dump.head}`;
    },
    async restoreHub(pick: number): Promise<string> {
      const backup = backups[pick % Math.max(1, backups.length)];
      if (!backup) return 'no backup';
      const { dump } = backup;
      await hub.restore(structuredClone(dump));
      lineage = [...backup.lineage, dump.head];
      restores++;
      // The hub itself goes back in time on a restore; invariant 9 holds for it from here on.
      for (const key of [...statusSeen.keys()]) if (key.startsWith('hub|')) statusSeen.delete(key);
      return `restored backup at head ${dump.head}, hub head now ${await head()}`;
    },
    /**
     * Liveness (invariants 16–18): faults healed, no user activity, every station syncs in turn
     * until the hub has answered every outbox op and every cursor equals its head. Bounded.
     */
    async quiesce(maxRounds = 8): Promise<{ quiet: boolean; rounds: number }> {
      for (const s of stations) {
        s.link.heal();
        if (!s.up) await s.start();
      }
      for (let round = 1; round <= maxRounds; round++) {
        const before = await head();
        for (const s of stations) await world.run(`quiesce round ${round}: s${s.index} sync`, () => s.sync());
        const after = await head();
        const quiet = after === before && stations.every((s) => unconfirmed(s) === 0 && cursorOf(s) === after);
        if (quiet) return { quiet, rounds: round };
      }
      return { quiet: false, rounds: maxRounds };
    },
    /** What a run exercised, to show a run was not trivially quiet (summed over runs by the test). */
    summary(): Record<string, number> {
      const out: Record<string, number> = { runs: 1, ops: ops.size, shipments: allocations.size, restores, backups: backups.length - 1 };
      for (const row of hubDb.prepare("SELECT json_extract(payload, '$.kind') AS kind, count(*) AS n FROM hub_log WHERE type = 'flag.raised' GROUP BY kind").all() as { kind: string; n: number }[]) {
        out[`flag ${row.kind}`] = row.n;
      }
      for (const row of hubDb.prepare("SELECT outcome, count(*) AS n FROM hub_log WHERE station_id != 'hub' GROUP BY outcome").all() as { outcome: string; n: number }[]) {
        out[`outcome ${row.outcome}`] = row.n;
      }
      out['authorised'] = hubDb.prepare('SELECT count(*) FROM hub_log WHERE authorized_by IS NOT NULL').pluck().get() as number;
      // Refusals of honest benches' ops are worth a look: a bench admin's user.saved at a non-admin bench, a flag a restore lost…
      const byzantine = stations.find((s) => s.byzantine)?.stationId ?? '';
      for (const row of hubDb.prepare("SELECT station_id = ? AS byz, json_extract(reason, '$.key') AS k, count(*) AS n FROM hub_rejected GROUP BY byz, k").all(byzantine) as { byz: number; k: string; n: number }[]) {
        out[`refused ${row.byz ? 'byzantine' : 'honest'} ${row.k.replace('opRefusal.', '')}`] = row.n;
      }
      for (const s of stations) {
        for (const [k, v] of Object.entries(s.link.stats)) if (typeof v === 'number' && k !== 'maxPushOps') out[`link ${k}`] = (out[`link ${k}`] ?? 0) + v;
      }
      out['crashes'] = trace.filter((t) => /crashes/.test(t)).length;
      return out;
    },
    async close() {
      for (const s of stations) s.close();
      hubDb.close();
      await hub.close();
      for (const dir of [hubDir, ...stations.map((s) => s.dataDir)]) rmSync(dir, { recursive: true, force: true });
    },
  };

  await setUpShop(world, config);
  return world;
}
export type SimWorld = Awaited<ReturnType<typeof createSimWorld>>;

/** Pairs every station, sets up the catalog and stock at station 0, imports the orders there and lets everyone sync. */
async function setUpShop(world: SimWorld, config: WorldConfig) {
  const [first] = world.stations;
  if (!first) throw new Error('a shop needs at least one station');
  // 'start': before any station paired, leased numbers or synced the shop (a restore then loses all of that).
  if (config.backupAt === 'start') await world.run('backup at start', () => world.backupHub());
  for (const s of world.stations) await world.addStation(s.role, s.index);
  // An admin bench publishes its users when paired; the shop's supervisor and packer are made there.
  const admin = world.stations.find((s) => s.role === 'admin');
  for (const [role, user] of admin ? Object.entries(SHOP_USERS) : []) {
    await admin!.call('users.save', { name: user.name, role: role as 'supervisor' | 'packer', pin: user.pin });
  }
  for (const code of world.skus) {
    await first.call('catalog.saveSku', { code, name: `商品 ${code}`, weightG: 100, location: 'A-01', barcodes: [{ barcode: barcodeOf(code), units: 1 }] });
    await first.call('stock.adjust', { skuCode: code, delta: config.initialStock ?? 30, kind: 'other', note: '期初' });
  }
  const generated = generateTaobaoClassic({ orders: config.orders ?? 10, seed: config.seed % 1000, skus: world.skus, quirks: false });
  const report = await first.call('orders.import', {
    files: [
      { name: generated.orderFileName, base64: generated.orderCsv.toString('base64') },
      { name: generated.detailFileName, base64: generated.detailCsv.toString('base64') },
    ],
  });
  if (report.rejected) throw new Error('sim: the generated export was rejected');
  const listed = await first.call('orders.list', { query: '', state: 'all', limit: 500, offset: 0 });
  world.orderIds.push(...listed.orders.filter((o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && !o.blockedReason).map((o) => o.id));
  for (let i = 0; i < 2; i++) for (const s of world.stations) await world.run(`setup sync s${s.index}`, () => s.sync());
  if (config.backupAt !== 'start') await world.run('backup at setup', () => world.backupHub());
}
