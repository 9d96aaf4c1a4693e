import {
  HUB_PROTOCOL, PUSH_BATCH_MAX, hubErrorSchema, leaseResponseSchema, pullResponseSchema, pushResponseSchema, type Versions,
} from '#shared/contract/hub.contract';
import { AppError } from '#shared/contract/errors';
import { msg, type Message } from '#shared/i18n/message';
import { benchScanning } from '../workers/yield-to-scans';
import type { HubReply, HubRequest, HubTransport } from './hub-transport';
import type { LogApplier } from './log-apply';
import type { SyncMetaRepo } from './sync-meta.repo';
import type { SyncOutboxRepo } from './sync-outbox.repo';

/**
 * Entries per pulled page. A page is received, checked and applied on the main thread, each step a
 * task a scan may wait behind: 250 take a few milliseconds, 10 a few tenths, which is what a scan
 * may wait while a packer is scanning (a 100k-entry catch-up then takes about twice as long; with
 * 40 a scan's p99 was twice that of 10, measured).
 */
const pullPage = () => (benchScanning() ? 10 : 250);
/** Refill a carrier's leased numbers below this many free ones (a long offline shift at ~100 labels/h). */
export const LEASE_LOW_WATER = 200;
const LEASE_TARGET = 500;
/** Do not ask again for a carrier the hub had no numbers for, for this long. */
const EMPTY_POOL_QUIET_MS = 5 * 60_000;

/** A carrier the hub had no numbers for (or none this station may take): asked again after a pause, or when the hub's pool grows. */
export type EmptyPool = { until: number; poolLeft: number };

export type SyncRoundResult = { pushed: number; pulled: number; leased: number };
export type WaybillNeeds = () => { carrierCode: string; free: number }[];

/** A hub answer that is not success: the station stops this round and says why. */
class HubRefused extends Error {
  constructor(readonly status: number, readonly code: string, readonly reason: Message, readonly detail: { expected?: number; hubEpoch?: string }) {
    super(`${code}: ${reason.key}`);
  }
}

/**
 * One sync round against the hub: push every unconfirmed op in bounded batches, pull the log to
 * the head (each page applied with its cursor), then top up leased waybill numbers. Network I/O
 * happens between transactions, never inside one. A round is safe to cut off at any point: ops
 * go out again until confirmed, and the cursor only moves with the entries it covers.
 */
export function createSyncRound(deps: {
  transport: HubTransport; token: string; versions: Omit<Versions, 'protocol'>; meta: SyncMetaRepo; outbox: SyncOutboxRepo;
  applier: LogApplier; waybillNeeds: WaybillNeeds; addLeased: (carrierCode: string, numbers: string[], leaseId: string) => void;
  /** The hub went back in time (restored from a backup): rebuild from its new log. */
  adoptEpoch: (epoch: string) => void;
  /** A pulled page was applied (long catch-ups show progress). */
  onPage: () => void;
  emptyPools: Map<string, EmptyPool>; now: () => number; onClock: (offsetMs: number) => void;
}) {
  const { transport, meta, outbox, applier } = deps;
  const versions = { protocol: HUB_PROTOCOL, ...deps.versions };

  async function call(req: Omit<HubRequest, 'token'>): Promise<unknown> {
    const sent = deps.now();
    const reply: HubReply = await transport({ ...req, token: deps.token });
    if (reply.status >= 200 && reply.status < 300) {
      const hubTime = (reply.body as { hubTime?: unknown } | null)?.hubTime;
      if (typeof hubTime === 'string') deps.onClock(Date.parse(hubTime) - (sent + deps.now()) / 2);
      return reply.body;
    }
    const error = hubErrorSchema.safeParse(reply.body);
    if (reply.status >= 500 || !error.success) throw new AppError('HUB_UNREACHABLE', msg('sync.error.hubUnavailable', { status: reply.status }));
    throw new HubRefused(reply.status, error.data.error, error.data.msg, error.data);
  }

  const adoptEpoch = deps.adoptEpoch;

  async function push(): Promise<number> {
    let pushed = 0;
    for (let guard = 0; guard < 10_000; guard++) {
      const ops = outbox.unconfirmed(PUSH_BATCH_MAX);
      if (ops.length === 0) return pushed;
      try {
        const body = pushResponseSchema.parse(await call({ method: 'POST', path: '/sync/push', body: { ...versions, hubEpoch: meta.epoch(), ops } }));
        if (meta.epoch() === null) meta.setEpoch(body.hubEpoch);
        if (body.results.length === 0) throw new AppError('HUB_UNREACHABLE', msg('sync.error.noneAccepted'));
        outbox.confirm(body.results, new Date(deps.now()).toISOString());
        pushed += body.results.length;
      } catch (error) {
        if (error instanceof HubRefused && error.code === 'epoch_changed' && error.detail.hubEpoch) adoptEpoch(error.detail.hubEpoch);
        else if (error instanceof HubRefused && error.code === 'gap' && error.detail.expected) outbox.forgetConfirmationsFrom(error.detail.expected);
        else throw error;
      }
    }
    return pushed;
  }

  async function pull(): Promise<number> {
    let pulled = 0;
    for (;;) {
      const after = meta.cursor();
      const epoch = meta.epoch();
      let page;
      try {
        page = pullResponseSchema.parse(await call({
          method: 'GET', path: '/sync/pull',
          query: { ...stringify(versions), after: String(after), limit: String(pullPage()), ...(epoch ? { hubEpoch: epoch } : {}) },
        }));
      } catch (error) {
        if (error instanceof HubRefused && error.code === 'epoch_changed' && error.detail.hubEpoch) {
          adoptEpoch(error.detail.hubEpoch);
          await push();
          continue;
        }
        throw error;
      }
      if (epoch === null) meta.setEpoch(page.hubEpoch);
      if (page.stations.length > 0) meta.setStationNames(Object.fromEntries(page.stations.map((s) => [s.stationId, s.name])));
      // One page, its cursor with it, in one transaction: pages are small (pullPage) so a scan waits
      // behind one at most. Applying a page in time slices with the event loop running between
      // them let a station's own work interleave with half a page and broke the simulator's
      // quiescence invariant under load; it waits for a design that keeps a page atomic.
      applier.applyPage(page.entries, page.upto);
      meta.setHubHead(page.head);
      if (page.pools) meta.setHubPools(page.hubTime, page.pools);
      pulled += page.entries.length;
      deps.onPage();
      if (page.upto >= page.head || page.entries.length === 0) return pulled;
    }
  }

  async function lease(): Promise<number> {
    let leased = 0;
    for (const { carrierCode, free } of deps.waybillNeeds()) {
      // A pause longer than its own length means the clock was put back: it must not stretch to days.
      const empty = deps.emptyPools.get(carrierCode);
      const quiet = (empty?.until ?? 0) - deps.now();
      // …unless the hub's pool has grown since (numbers imported there): asked at once, not minutes later.
      const hubFree = meta.hubPools()?.pools.find((x) => x.carrierCode === carrierCode)?.free ?? 0;
      if (free >= LEASE_LOW_WATER || (quiet > 0 && quiet <= EMPTY_POOL_QUIET_MS && hubFree <= (empty?.poolLeft ?? 0))) continue;
      const body = leaseResponseSchema.parse(await call({
        method: 'POST', path: '/sync/lease', body: { ...versions, hubEpoch: meta.epoch(), carrierCode, count: LEASE_TARGET - free },
      }));
      // Stored before anything else happens; the same numbers also arrive as a log entry.
      if (body.leaseId && body.numbers.length > 0) deps.addLeased(carrierCode, body.numbers, body.leaseId);
      else deps.emptyPools.set(carrierCode, { until: deps.now() + EMPTY_POOL_QUIET_MS, poolLeft: body.poolLeft });
      leased += body.numbers.length;
    }
    return leased;
  }

  return {
    async run(): Promise<SyncRoundResult> {
      const pushed = await push();
      const pulled = await pull();
      const leased = await lease();
      return { pushed, pulled, leased };
    },
  };
}

/** Turns a hub refusal into the message the status bar shows. */
export function describeSyncError(error: unknown): { offline: boolean; message: Message; unpaired?: boolean } {
  if (error instanceof HubRefused) {
    if (error.status === 401) return { offline: false, unpaired: true, message: msg('sync.error.unpaired', { reason: error.reason }) };
    if (error.status === 426) return { offline: false, message: msg('sync.error.upgradeHub', { reason: error.reason }) };
    return { offline: false, message: msg('sync.error.refused', { reason: error.reason }) };
  }
  if (error instanceof AppError && error.code === 'HUB_UNREACHABLE') return { offline: true, message: error.msg };
  if (error instanceof AppError) return { offline: false, message: error.msg };
  return { offline: false, message: msg('sync.error.internal', { detail: (error instanceof Error ? error.message : String(error)).slice(0, 500) }) };
}

const stringify = (v: Record<string, string | number>) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
