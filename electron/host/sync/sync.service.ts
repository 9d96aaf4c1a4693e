import { HUB_PROTOCOL, hubErrorSchema, pairResponseSchema } from '#shared/contract/hub.contract';
import { AppError } from '#shared/contract/errors';
import type { SyncStatus } from '#shared/contract/sync.contract';
import { normalizeFingerprint } from '#shared/domain/fingerprint';
import { msg, type Message } from '#shared/i18n/message';
import type { Db } from '../db/open-database';
import type { OutboxRepo } from '../db/outbox.repo';
import { HubIdentityMismatch, type HubTransportFactory } from './hub-transport';
import type { LogApplier } from './log-apply';
import { createSyncRound, describeSyncError, type EmptyPool, type WaybillNeeds } from './sync-client';
import type { SyncMetaRepo } from './sync-meta.repo';
import type { SyncOutboxRepo } from './sync-outbox.repo';

/** How often a paired station syncs with nothing new to send (pulls what others did). */
const POLL_MS = 5_000;
/** After a local change: long enough to carry a burst of scans in one push. */
const DEBOUNCE_MS = 250;
const BACKOFF_MAX_MS = 60_000;

/** What the pair form (or `packdesk sync pair`) sends. */
export type PairInput = { hubUrl: string; code: string; stationName: string; fingerprint?: string | undefined; insecureHttp: boolean };

export type SyncServiceDeps = {
  db: Db; stationId: () => string; appVersion: string; schemaVersion: number;
  meta: SyncMetaRepo; outbox: OutboxRepo; syncOutbox: SyncOutboxRepo; applier: LogApplier;
  transportFor: HubTransportFactory;
  waybillNeeds: WaybillNeeds;
  addLeased: (carrierCode: string, numbers: string[], leaseId: string) => void;
  adoptEpoch: (epoch: string) => void;
  /** A replacement code made this PC the station `stationId`: its next op follows lastSeq (inside the pairing transaction). */
  adoptStation: (stationId: string, lastSeq: number, hubEpoch: string) => void;
  openFlags: () => number;
  onStatus: (status: SyncStatus) => void;
  /** Something changed locally because of pulled entries (refresh the bench and lists). */
  onApplied: () => void;
  /** Runs inside the pairing transaction (an admin station makes its users the shop's). */
  onPaired?: () => void;
  /** Attachments owed to the hub and the disk budget's warning, for the status bar. */
  files?: () => { pendingFiles: number; storageWarning: Message | null };
  /** After a round that reached the hub: attachments go now, on their own (the round never waits for them). */
  afterRound?: () => void;
  /** false: no timers; rounds run only through now() (the simulator and some tests). */
  autoSync?: boolean;
  now?: () => number;
};

/**
 * The station's side of sync: pairing, the schedule (on change, on a timer, on reconnect with
 * backoff), and the status the UI shows. Rounds never overlap; a trigger during a round queues
 * exactly one more.
 */
export function createSyncService(deps: SyncServiceDeps) {
  const { meta, syncOutbox } = deps;
  const now = deps.now ?? Date.now;
  const autoSync = deps.autoSync ?? true;
  const emptyPools = new Map<string, EmptyPool>();
  // What the last round found (in this process or another one, e.g. `packdesk sync now`) until this one runs its own.
  const recorded = meta.lastRound();
  let state: 'online' | 'offline' | 'syncing' | 'revoked' = recorded?.state ?? 'offline';
  let stateAt: string | null = recorded?.at ?? null;
  let lastError: Message | null = recorded?.error ?? null;
  let clockOffsetMs: number | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let closed = false;

  const status = (): SyncStatus => {
    const pairing = meta.pairing();
    return {
      stationId: deps.stationId(), paired: pairing !== null, hubUrl: pairing?.hubUrl ?? null, stationName: pairing?.stationName ?? null,
      hubFingerprint: pairing?.fingerprint ?? null,
      role: pairing?.role ?? null, state: pairing ? state : 'unpaired', pendingOps: syncOutbox.unconfirmedCount(),
      stateAt: pairing ? stateAt : null, lastSyncAt: meta.lastSyncAt(), lastError, clockOffsetMs, hubEpoch: meta.epoch(), cursor: meta.cursor(), hubHead: Math.max(meta.hubHead(), meta.cursor()),
      parkedOps: deps.applier.parkedCount(), openFlags: deps.openFlags(),
      ...(deps.files?.() ?? { pendingFiles: 0, storageWarning: null }),
    };
  };
  const publish = () => deps.onStatus(status());

  const schedule = (ms: number) => {
    if (!autoSync || closed || !meta.pairing()) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void syncNow();
    }, ms);
    // Sync alone never keeps the process alive (one-shot CLI commands exit when done).
    timer.unref?.();
  };

  async function round(): Promise<void> {
    const pairing = meta.pairing();
    if (!pairing) return;
    state = 'syncing';
    publish();
    try {
      const result = await createSyncRound({
        transport: deps.transportFor(pairing.hubUrl, pairing.fingerprint), token: pairing.token,
        versions: { appVersion: deps.appVersion, schemaVersion: deps.schemaVersion }, meta, outbox: syncOutbox,
        applier: deps.applier, waybillNeeds: deps.waybillNeeds, addLeased: deps.addLeased, adoptEpoch: deps.adoptEpoch, emptyPools, now, onPage: publish,
        onClock: (offset) => (clockOffsetMs = Math.round(offset)),
      }).run();
      meta.setLastSyncAt(new Date(now()).toISOString());
      ended('online', null);
      failures = 0;
      if (result.pulled > 0 || result.leased > 0) deps.onApplied();
      deps.afterRound?.();
    } catch (error) {
      const described = describeSyncError(error);
      // Revoked (or the hub no longer knows this bench): nothing packed here reaches the shop until it pairs again.
      ended(described.unpaired ? 'revoked' : described.offline ? 'offline' : 'online', described.message);
      failures++;
    }
  }

  function ended(found: 'online' | 'offline' | 'revoked', error: Message | null) {
    state = found;
    lastError = error;
    stateAt = new Date(now()).toISOString();
    meta.setLastRound({ state, error, at: stateAt });
  }

  /** Runs a round now (or joins the running one and queues one more). */
  async function syncNow(): Promise<SyncStatus> {
    if (running) {
      again = true;
      await running;
      return status();
    }
    running = (async () => {
      do {
        again = false;
        await round();
      } while (again && !closed);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
    publish();
    // Healthy: poll. Failing: back off 1 s, 2 s, 4 s … up to a minute, so a returning network is noticed soon.
    schedule(failures === 0 ? POLL_MS : Math.min(BACKOFF_MAX_MS, 1000 * 2 ** Math.min(failures - 1, 6)));
    return status();
  }

  const unsubscribe = deps.outbox.onAppend(() => {
    if (running) again = true;
    else schedule(DEBOUNCE_MS);
  });

  return {
    status,
    syncNow,
    start() {
      if (meta.pairing()) schedule(0);
    },
    /**
     * Joins a hub with the one-time code it shows. An https:// hub must present the certificate
     * whose fingerprint the admin typed (read off the hub), or nothing is sent; this station then
     * pins the whole fingerprint it saw. An http:// hub only when the admin accepted it as unsafe.
     */
    async pair(input: PairInput): Promise<SyncStatus> {
      const { hubUrl, code, stationName } = input;
      const secure = hubUrl.startsWith('https:');
      const pin = secure ? normalizeFingerprint(input.fingerprint ?? '') : null;
      if (secure && !pin) throw new AppError('INVALID_INPUT', msg('sync.pair.fingerprintRequired'));
      if (!secure && !input.insecureHttp) throw new AppError('INVALID_INPUT', msg('sync.pair.insecureNotConfirmed'));
      let reply;
      try {
        reply = await deps.transportFor(hubUrl, pin)({
          method: 'POST', path: '/pair', token: null,
          body: { protocol: HUB_PROTOCOL, appVersion: deps.appVersion, schemaVersion: deps.schemaVersion, code, stationId: deps.stationId(), stationName },
        });
      } catch (error) {
        if (error instanceof HubIdentityMismatch) {
          throw new AppError('FORBIDDEN', msg('sync.pair.fingerprintMismatch', { url: hubUrl, presented: error.presentedText, typed: error.pinnedText }));
        }
        throw error;
      }
      if (reply.status !== 200) {
        const error = hubErrorSchema.safeParse(reply.body);
        const reason = error.success ? error.data.msg : msg('sync.error.notAHub', { url: hubUrl, status: reply.status });
        throw new AppError(reply.status === 401 || reply.status === 429 ? 'FORBIDDEN' : reply.status === 409 ? 'CONFLICT' : 'INVALID_INPUT', msg('sync.pair.failed', { reason }));
      }
      const paired = pairResponseSchema.parse(reply.body);
      if (secure && !reply.fingerprint) throw new AppError('INVALID_INPUT', msg('sync.pair.noFingerprintSeen', { url: hubUrl }));
      deps.db.transaction(() => {
        if (paired.stationId !== deps.stationId()) {
          // A replacement code: this PC becomes the replaced station (its id, its sequence), on this hub's log from the start.
          meta.setHubId(paired.hubId);
          deps.adoptStation(paired.stationId, paired.lastSeq, paired.hubEpoch);
        } else if (meta.hubId() !== paired.hubId) {
          // Another hub is another log: start from its beginning and send it everything recorded here.
          meta.setHubId(paired.hubId);
          deps.adoptEpoch(paired.hubEpoch);
        }
        meta.setPairing({
          hubUrl, token: paired.token, role: paired.role, stationName: paired.stationName, hubId: paired.hubId, fingerprint: reply.fingerprint ?? null,
        });
        meta.setLastRound(null);
        deps.onPaired?.();
      }).immediate();
      // A new pairing starts with a clean slate: a revoked earlier pairing is no longer what this bench is.
      lastError = null;
      stateAt = null;
      return syncNow();
    },
    unpair(): SyncStatus {
      meta.setPairing(null);
      meta.setLastRound(null);
      if (timer) clearTimeout(timer);
      timer = null;
      state = 'offline';
      stateAt = null;
      lastError = null;
      publish();
      return status();
    },
    /** Entries parked for a newer version are tried again (after an app update). */
    retryParked: () => deps.applier.retryParked(),
    /** No more rounds; one in flight finishes or fails on its own. */
    stop() {
      closed = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
export type SyncService = ReturnType<typeof createSyncService>;
