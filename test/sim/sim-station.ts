import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '#shared/contract/errors';
import type { StationRole } from '#shared/contract/hub.contract';
import type { Host } from '../../electron/host/create-host';
import type { Db } from '../../electron/host/db/open-database';
import { barcodeOf, hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';
import type { FaultyLink } from './faulty-network';

/**
 * One bench PC of the simulated shop: a real host (its own SQLite file, the same RPC path as the
 * UI) behind a faulty link, with its own skewed clock. It can crash (the DB is closed between two
 * operations, or mid-round right after the hub committed) and come back on the same data folder.
 */
export type StationLog = (line: string) => void;
/**
 * future: a newer Packdesk's op type; old: an op version an older Packdesk wrote; poison: unreadable;
 * forged: not allowed for the role; byzantine: written by a byzantine bench (sim-byzantine.ts), to be refused.
 */
export type InjectedKind = 'future' | 'old' | 'poison' | 'forged' | 'byzantine';

/** Errors a bench shows a packer and carries on (an order already shipped, a claim elsewhere…). */
/** A user the shop's admin bench made, with the PIN they type. */
export type ShopUser = { name: string; pin: string };
/** The decisions the simulated supervisors take: the two that move stock, and two that move nothing. */
export type SimDecision = 'write-off' | 'restock' | 'reject' | 'refund';

/** An op as written straight into the outbox: what the bench will push, field for field. */
export type RawOp = { opId: string; type: string; version: number; payload: unknown; createdAt: string; authorizedBy: string | null };

const EXPECTED = new Set(['CONFLICT', 'BLOCKED', 'NOT_FOUND', 'POOL_EMPTY', 'FORBIDDEN', 'PRINT_FAILED']);

export function createSimStation(opts: {
  index: number; role: StationRole; byzantine: boolean; link: FaultyLink; virtualNow: () => number; log: StationLog;
}) {
  const dataDir = mkdtempSync(join(tmpdir(), `packdesk-sim-s${opts.index}-`));
  let skewMs = 0;
  let host: Host | null = null;
  let prints: Promise<unknown>[] = [];
  let stationId = '';
  /** Waybill numbers this station handed to its printer (invariant 10: each must be a durable shipment). */
  const printed: { shipmentId: string; trackingNo: string }[] = [];
  /** Ops written raw into the outbox, and what they stand for. */
  const injected: { opId: string; kind: InjectedKind }[] = [];

  function boot(): Host {
    const h = createTempHost({
      dataDir,
      log: (line, error) => opts.log(`s${opts.index} host: ${line} ${error instanceof Error ? error.message : ''}`),
      sync: { autoSync: false, transportFor: () => opts.link.transport, now: () => opts.virtualNow() + skewMs },
    });
    // Labels print asynchronously; the simulator waits for them so a run does not depend on timing.
    const labels = h.context.labels;
    const print = labels.printShipments.bind(labels);
    labels.printShipments = (ids) => {
      for (const id of ids) {
        const row = h.context.db.prepare('SELECT tracking_no FROM shipments WHERE id = ?').pluck().get(id) as string | undefined;
        if (row) printed.push({ shipmentId: id, trackingNo: row });
      }
      const p = print(ids);
      prints.push(p);
      return p;
    };
    return h;
  }

  const current = (): Host => {
    if (!host) throw new Error(`station ${opts.index} is down`);
    return host;
  };
  const call: ReturnType<typeof hostCaller> = (method, input) => hostCaller(current())(method, input);

  function writeRaw(kind: InjectedKind, op: RawOp) {
    current().context.db
      .prepare('INSERT INTO outbox (op_id, type, version, payload, created_at, authorized_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(op.opId, op.type, op.version, JSON.stringify(op.payload), op.createdAt, op.authorizedBy);
    injected.push({ opId: op.opId, kind });
  }

  /** The bench has this shop user from the hub, active. */
  const knows = (user: ShopUser) => current().context.db.prepare('SELECT 1 FROM users WHERE name = ? AND active = 1 AND hub_seq IS NOT NULL').get(user.name) !== undefined;

  /** Runs a bench action; the errors a real bench shows and moves on from are returned as text. */
  async function act(what: string, work: () => Promise<string>): Promise<string> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError && EXPECTED.has(error.code)) return `${what}: ${error.code}`;
      throw new Error(`station ${opts.index} ${what} failed unexpectedly: ${String(error)}`, { cause: error });
    }
  }

  return {
    index: opts.index,
    role: opts.role,
    byzantine: opts.byzantine,
    dataDir,
    link: opts.link,
    printed,
    injected,
    call,
    get up() {
      return host !== null;
    },
    get db(): Db {
      return current().context.db;
    },
    /** The bearer token it was paired with (a byzantine bench uses it to push on its own). */
    get token(): string {
      const pairing = current().context.db.prepare("SELECT value FROM meta WHERE key = 'sync.pairing'").pluck().get() as string | undefined;
      return pairing ? (JSON.parse(pairing) as { token: string }).token : '';
    },
    /** Stable across restarts: it lives in the station's meta table. */
    get stationId(): string {
      return stationId;
    },
    get skewMs() {
      return skewMs;
    },
    setSkew: (ms: number) => void (skewMs = ms),
    async start() {
      host = boot();
      stationId = host.context.sync.service.status().stationId;
      await call('session.login', { pin: '0000' });
    },
    /** Waits for labels still printing. */
    async settle() {
      const pending = prints;
      prints = [];
      await Promise.allSettled(pending);
    },
    /** Power cut between two operations: nothing in flight, the DB simply closes. */
    crash() {
      host?.close();
      host = null;
    },
    /** One sync round; a crash mid-round surfaces as a failed call on a closed DB, which is what a dead PC does. */
    async sync(): Promise<string> {
      try {
        const s = await call('sync.now', {});
        return s.lastError ? `sync: ${s.state} (${s.lastError.key})` : `sync: ${s.state}`;
      } catch (error) {
        if (!host || !host.context.db.open) return 'sync: crashed';
        throw error;
      }
    },
    /** Scans the order, then up to `items` of its units (all of them ships it and prints the label). */
    packOrder: (orderId: string, items: number) =>
      act('pack', async () => {
        const order = await call('orders.get', { id: orderId });
        const opened = await call('bench.scan', { code: order.externalId, source: 'wedge' });
        if (opened.outcome !== 'opened') return `pack ${order.externalId}: ${opened.outcome}`;
        let scanned = 0;
        let last = opened.outcome as string;
        for (const line of order.lines) {
          for (let u = 0; u < line.qty && scanned < items; u++, scanned++) {
            last = (await call('bench.scan', { code: barcodeOf(line.skuCode ?? ''), source: 'wedge' })).outcome;
          }
        }
        return `pack ${order.externalId}: ${scanned} scans, ${last}`;
      }),
    claimAndPutBack: (orderId: string) =>
      act('claim', async () => {
        const order = await call('orders.get', { id: orderId });
        const opened = await call('bench.scan', { code: order.externalId, source: 'wedge' });
        await call('bench.cancel', {});
        return `claim ${order.externalId}: ${opened.outcome}`;
      }),
    adjustStock: (skuCode: string, delta: number) =>
      act('adjust', async () => `adjust ${skuCode} ${delta}: ${(await call('stock.adjust', { skuCode, delta, kind: 'other', note: 'sim' })).onHand}`),
    countStock: (skuCode: string, countedQty: number) =>
      act('count', async () => `count ${skuCode}=${countedQty}: adj ${(await call('stock.count', { skuCode, countedQty })).adjustment}`),
    /** `authorizer`: a shop user's name and PIN, typed in when the one at the bench may not void. */
    voidShipment: (pick: number, authorizer?: ShopUser) =>
      act('void', async () => {
        const live = (await call('shipments.list', { query: '', state: 'active', limit: 500, offset: 0 })).shipments;
        const target = live[pick % Math.max(1, live.length)];
        if (!target) return 'void: nothing live';
        if (authorizer && !knows(authorizer)) return `void: ${authorizer.name} unknown here`;
        await call('shipments.void', { id: target.id, reason: 'sim void', ...(authorizer ? { authorizerPin: authorizer.pin } : {}) });
        return `void ${target.trackingNo}${authorizer ? ` with ${authorizer.name}'s PIN` : ''}`;
      }),
    loginBenchAdmin: () => act('login', async () => (await call('session.login', { pin: '0000' }), 'bench admin logged in')),
    /** A shop user logs in at this bench, once the bench has them from the hub (a wrong PIN would count towards the lockout). */
    loginAs: (user: ShopUser) =>
      act('login', async () => {
        if (!knows(user)) return `login: ${user.name} unknown here`;
        await call('session.login', { pin: user.pin });
        return `${user.name} logged in`;
      }),
    reopenOrder: (orderId: string) => act('reopen', async () => (await call('orders.reopen', { id: orderId, reason: 'sim reopen' }), `reopen ${orderId}`)),
    reportDamage: (skuCode: string, qty: number) =>
      act('damage', async () => `damage ${(await call('damage.report', { orderRef: null, skuCode, qty, reason: 'broken', note: 'sim' })).id}`),
    /** A supervisor decides a report; a write-off or restock moves stock (the reference model checks it adds up). */
    decideDamage: (pick: number, decision: SimDecision) =>
      act('decide', async () => {
        const reports = (await call('damage.list', {})).reports;
        const target = reports[pick % Math.max(1, reports.length)];
        if (!target) return 'decide: no report';
        await call('damage.decide', { reportId: target.id, decision, note: 'sim', amountFen: decision === 'refund' ? 990 : null });
        return `decide ${target.id} ${decision}`;
      }),
    resolveFlag: (pick: number) =>
      act('resolve', async () => {
        const open = (await call('flags.list', { open: true })).flags;
        const target = open[pick % Math.max(1, open.length)];
        if (!target) return 'resolve: no open flag';
        await call('flags.resolve', { flagId: target.flagId, resolution: `resolved at s${opts.index}` });
        return `resolve ${target.kind}`;
      }),
    /**
     * Writes an op straight into the outbox, as another Packdesk version (or a tampered station)
     * would have: a newer op type, an old op version, a malformed payload, an op the role may not send.
     */
    injectRawOp(kind: Exclude<InjectedKind, 'byzantine'>, type: string, version: number, payload: unknown): string {
      writeRaw(kind, { opId: uuidv7(), type, version, payload, createdAt: new Date(opts.virtualNow() + skewMs).toISOString(), authorizedBy: null });
      return `inject ${kind}: ${type} v${version}`;
    },
    /** A byzantine bench's own wire ops, every field as it chose them: they go out in its sequence. */
    forgeOps: (ops: readonly RawOp[]) => ops.forEach((op) => writeRaw('byzantine', op)),
    close() {
      host?.close();
      host = null;
    },
  };
}
export type SimStation = ReturnType<typeof createSimStation>;
