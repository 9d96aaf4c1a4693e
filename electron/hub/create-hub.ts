import type { StationRole } from '#shared/contract/hub.contract';
import { createHubAttachments, type HubAttachments } from './attachments/hub-attachments.service';
import { backupHub, restoreHub, type HubBackup } from './backup/backup.service';
import { createHandler, type HubRequest, type HubResponse } from './hub-routes';
import { createPairing, type PairingCode } from './stations/pairing.service';
import { loadHubTls, type HubTls } from './tls/hub-certificate';
import { createTrackingService, type RoundSummary } from './tracking/tracking.service';
import { listStations, revokeStation, type StationSummary } from './stations/stations.repo';
import { ensureIdentity, readEpoch } from './store/hub-meta.repo';
import { migrateHub } from './store/migrate-hub';
import { hubMigrations } from './store/migrations/index';
import { openHubDb } from './store/open-hub-db';
import { readHead } from './sync/hub-log.repo';
import { importPool } from './sync/lease.service';
import { reevaluateParked } from './sync/parked.service';
import { poolsChanged } from './sync/pool-summary';
import { createHubWaybills, type HubWaybillsService } from './waybills/hub-waybills.service';

export type { HubBackup } from './backup/backup.service';
export type { HubRequest, HubResponse } from './hub-routes';
export type { HubTls } from './tls/hub-certificate';
/** A pairing code as the admin reads it off the hub, with the fingerprint the station pins. */
export type ShownPairingCode = PairingCode & { fingerprint: string };

export type HubOptions = {
  /**
   * SQLite file <dataDir>/hub.db; attachments in <dataDir>/hub-attachments/ on either engine (a
   * PostgreSQL hub without a data folder refuses files and says so).
   */
  dataDir?: string;
  /** PostgreSQL; wins over dataDir. */
  databaseUrl?: string;
  /** Tests: isolate in a schema. */
  pgSchema?: string;
  appVersion?: string;
  /** Virtual clock for the simulator. */
  now?: () => Date;
  log?: (line: string) => void;
  /** Days a completed attachment is kept; never under 180 (the shop's evidence rule). */
  attachmentRetentionDays?: number;
  /** Milliseconds between tracking rounds (each asks only the parcels due); 0: no timer (CLI commands, tests). */
  trackingEveryMs?: number;
  /** Milliseconds between e-waybill cancel rounds (each sends only the cancels due); 0: no timer (CLI commands, tests). */
  waybillCancelEveryMs?: number;
  /** Tests: the e-waybill providers' call timeout, and the pause before retrying a transient failure. */
  waybillProviderTimeoutMs?: number;
  waybillRetryPauseMs?: number;
};

/** How often the hub looks for attachments past retention and uploads abandoned half-way. */
const ATTACHMENT_SWEEP_MS = 6 * 60 * 60_000;
/** Tracking rounds: each asks only parcels due, so a short tick costs nothing and keeps pauses accurate. */
const TRACKING_TICK_MS = 5 * 60_000;
/** Cancel rounds: each sends only the cancels due (pushes kick one at once). */
const WAYBILL_CANCEL_TICK_MS = 30_000;

export type Hub = {
  /** Transport-independent entry point; Fastify routes are thin wrappers around it, and the in-process simulator calls it directly. */
  handle(req: HubRequest): Promise<HubResponse>;
  newPairingCode(role: StationRole, ttlMinutes?: number): Promise<ShownPairingCode>;
  /** A code that lets a new PC take over a lost or broken station (its id and sequence); null when no such station. */
  newReplacementCode(stationId: string, ttlMinutes?: number): Promise<ShownPairingCode | null>;
  /** The TLS key and self-signed certificate the hub serves with (made at first start). */
  tls: HubTls;
  stations(): Promise<StationSummary[]>;
  /** Stops a station's token working (a lost PC); false when no such station. */
  revokeStation(stationId: string): Promise<boolean>;
  importPool(carrierCode: string, numbers: readonly string[]): Promise<{ added: number; known: number }>;
  /** A JSON-serialisable dump of every hub table (one code path for both dialects). */
  backup(): Promise<HubBackup>;
  /** Replaces all hub data with the dump, rotates the epoch, reseeds each station's lastSeq to the highest stationSeq it holds. */
  restore(dump: HubBackup): Promise<void>;
  head(): Promise<number>;
  epoch(): Promise<string>;
  /** Online tracking: one round now (the timer runs them every few minutes when keys are set). */
  tracking: { pollNow(): Promise<RoundSummary> };
  /** E-waybills fetched for the benches: a cancel round now (the timer runs one every 30 s), and 取号/check as the routes call them. */
  waybills: Pick<HubWaybillsService, 'sendCancelsNow' | 'issue' | 'providers' | 'check'>;
  /** Files the stations sent: status, and the retention sweep (also run at start and every few hours). */
  attachments: Pick<HubAttachments, 'status' | 'sweep' | 'retentionDays'>;
  storage: 'sqlite' | 'postgres';
  /** Where the data lives (file path, or the PostgreSQL URL without its password). */
  where: string;
  close(): Promise<void>;
};

/**
 * Opens (and migrates) the shop's hub: the single place where ops from all stations get their
 * order and their verdict. Parked ops an older build could not read are evaluated on the way up.
 */
export async function createHub(options: HubOptions): Promise<Hub> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const { db, storage, where } = await openHubDb(options);
  let tls: HubTls;
  try {
    await migrateHub(db, hubMigrations);
    await ensureIdentity(db);
    tls = await loadHubTls(db, { storage, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
    const parked = await reevaluateParked(db, now);
    if (parked.evaluated > 0) log(`hub: ${parked.evaluated} parked ops evaluated after an upgrade, ${parked.stillParked} still parked`);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const pairing = createPairing(db, now);
  const attachments = createHubAttachments({
    db, dataDir: options.dataDir ?? null, now, log,
    ...(options.attachmentRetentionDays === undefined ? {} : { retentionDays: options.attachmentRetentionDays }),
  });
  const sweepAttachments = () =>
    attachments.sweep().then(
      (swept) => swept.expired + swept.abandoned > 0 && log(`hub: ${swept.expired} attachments past retention and ${swept.abandoned} abandoned uploads let go`),
      (error: unknown) => log(`hub: attachment sweep failed: ${String(error)}`),
    );
  let sweeping = sweepAttachments();
  const sweepTimer = setInterval(() => (sweeping = sweepAttachments()), ATTACHMENT_SWEEP_MS);
  sweepTimer.unref();
  const tracking = createTrackingService({ db, now, log, dataDir: options.dataDir ?? null });
  let tracked: Promise<unknown> = Promise.resolve();
  const trackingEvery = options.trackingEveryMs ?? TRACKING_TICK_MS;
  const trackingTimer = trackingEvery > 0
    ? setInterval(() => (tracked = tracking.pollRound().catch((error: unknown) => log(`hub: tracking round failed: ${error instanceof Error ? error.message : String(error)}`))), trackingEvery)
    : null;
  trackingTimer?.unref();
  const waybills = createHubWaybills({
    db, now, log, dataDir: options.dataDir ?? null,
    ...(options.waybillProviderTimeoutMs === undefined ? {} : { providerTimeoutMs: options.waybillProviderTimeoutMs }),
    ...(options.waybillRetryPauseMs === undefined ? {} : { retryPauseMs: options.waybillRetryPauseMs }),
  });
  const cancelEvery = options.waybillCancelEveryMs ?? WAYBILL_CANCEL_TICK_MS;
  const cancelTimer = cancelEvery > 0 ? setInterval(() => waybills.kick(), cancelEvery) : null;
  cancelTimer?.unref();
  const shown = (code: PairingCode | null): ShownPairingCode | null => code && { ...code, fingerprint: tls.fingerprint };
  let closed = false;
  return {
    handle: createHandler({ db, now, log, pairing, storage, appVersion: options.appVersion ?? '0.1.0', fingerprint: tls.fingerprint, attachments, tracking, waybills }),
    newPairingCode: async (role, ttlMinutes) => shown(await pairing.newCode(role, ttlMinutes))!,
    newReplacementCode: async (stationId, ttlMinutes) => shown(await pairing.newReplacementCode(stationId, ttlMinutes)),
    tls,
    stations: () => listStations(db),
    revokeStation: (stationId) => revokeStation(db, stationId, now().toISOString()),
    importPool: (carrierCode, numbers) => importPool(db, now, carrierCode, numbers),
    backup: () => backupHub(db, now),
    async restore(dump) {
      const epoch = await restoreHub(db, dump);
      await ensureIdentity(db);
      poolsChanged(db);
      log(`hub: restored a backup taken ${dump.takenAt}; new epoch ${epoch}`);
    },
    tracking: { pollNow: () => tracking.pollRound() },
    waybills: { sendCancelsNow: () => waybills.sendCancelsNow(), issue: (body) => waybills.issue(body), providers: () => waybills.providers(), check: (p) => waybills.check(p) },
    head: () => readHead(db),
    epoch: () => readEpoch(db),
    attachments,
    storage,
    where,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(sweepTimer);
      if (trackingTimer) clearInterval(trackingTimer);
      if (cancelTimer) clearInterval(cancelTimer);
      await sweeping;
      await waybills.settle();
      await tracked;
      await db.destroy();
    },
  };
}
