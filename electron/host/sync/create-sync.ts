import { hostname } from 'node:os';
import { HUB_AUTHOR, HUB_PROTOCOL } from '#shared/contract/hub.contract';
import type { BenchRef } from '#shared/contract/common';
import type { SyncStatus } from '#shared/contract/sync.contract';
import { msg } from '#shared/i18n/message';
import { createTranslator } from '#shared/i18n/translator';
import type { CarriersService } from '../carriers/carriers.service';
import type { WaybillPoolRepo } from '../carriers/waybill-pool.repo';
import { inTransaction, type Db } from '../db/open-database';
import type { OutboxRepo } from '../db/outbox.repo';
import type { Appliers } from '../ops/applier';
import type { AuthorizedOpsRepo } from '../ops/authorized-ops.repo';
import type { OpRecorder } from '../ops/op-recorder';
import type { OrdersRepo } from '../orders/orders.repo';
import { callerUser } from '../session/caller-user';
import type { SettingsRepo } from '../settings/settings.repo';
import { createStationAdoption } from './adopt-station';
import { createClaimsRepo } from './claims.repo';
import { createEpochReset } from './epoch-reset';
import { createFlagsRepo } from './flags.repo';
import type { HubHostingPort } from './hub-hosting.port';
import { createHubHostingService } from './hub-hosting.service';
import { httpHubFiles, type HubFilesFactory } from './hub-files';
import { httpHubTransport, type HubReply, type HubTransport, type HubTransportFactory } from './hub-transport';

export type HubCall = (method: 'GET' | 'POST', path: string, body?: Record<string, unknown>) => Promise<HubReply>;
import { createLogApplier } from './log-apply';
import type { StationIdentity } from './station-identity';
import type { SyncMetaRepo } from './sync-meta.repo';
import { createSyncOutboxRepo } from './sync-outbox.repo';
import { createSyncService, type SyncServiceDeps } from './sync.service';

/** The files link a station uses: the one it was given, HTTPS when it talks HTTPS to its hub, else none. */
export function filesLink(options: SyncOptions, versions: { appVersion: string; schemaVersion: number }): HubFilesFactory | null {
  if (options.filesFor !== undefined) return options.filesFor;
  return options.transportFor ? null : httpHubFiles(versions);
}

export type SyncOptions = {
  /** How this station reaches a hub URL with a pinned certificate (HTTPS by default; the simulator passes an in-process one). */
  transportFor?: HubTransportFactory;
  /**
   * How attachments travel to and from the hub: HTTPS beside the ops by default; with an
   * in-process transportFor and no filesFor, files stay where they were made (the simulator).
   */
  filesFor?: HubFilesFactory | null;
  /** false: sync only when asked (simulator, tests). */
  autoSync?: boolean;
  hubHosting?: HubHostingPort | null;
  /** false: this station never prints (the hub's desk), so it leases no waybill numbers. */
  leaseWaybills?: boolean;
  now?: () => number;
};

/** Wires the station's sync: pairing, rounds, the log applier, claims, flags and hosting the hub. */
export function createSync(deps: {
  db: Db; dataDir: string; identity: StationIdentity; appVersion: string; schemaVersion: number; outbox: OutboxRepo;
  orders: OrdersRepo; pool: WaybillPoolRepo; carriers: CarriersService; settings: SettingsRepo;
  meta: SyncMetaRepo; appliers: Appliers; authorized: AuthorizedOpsRepo; recorder: OpRecorder; onPaired: () => void;
  onStatus: (status: SyncStatus) => void; onApplied: () => void; log: (line: string, error?: unknown) => void;
  options: SyncOptions;
  /** Attachments: what the status bar says of them, and their upload after each round. */
  files: { summary: SyncServiceDeps['files']; afterRound: () => void };
}) {
  const { db, identity, options, meta, appliers, recorder } = deps;
  const stationId = identity.id;
  const flags = createFlagsRepo(db);
  const claims = createClaimsRepo(db, recorder, stationId);
  const syncOutbox = createSyncOutboxRepo(db, appliers);
  const applier = createLogApplier({ db, stationId, meta, orders: deps.orders, appliers, authorized: deps.authorized, log: deps.log });
  const adoptEpoch = createEpochReset(db, meta, recorder, stationId);
  const takeOver = createStationAdoption(db, identity);
  const transports = new Map<string, HubTransport>();
  const transportFor: HubTransportFactory = options.transportFor ?? ((url, pin) => {
    // One transport (and its keep-alive connections) per hub and pin, reused across rounds.
    const key = `${url} ${pin ?? ''}`;
    if (!transports.has(key)) transports.set(key, httpHubTransport(url, pin));
    return transports.get(key)!;
  });
  const addLeased = (carrierCode: string, numbers: string[], leaseId: string) =>
    inTransaction(db, () => deps.pool.addLeased(carrierCode, numbers, leaseId, new Date().toISOString()));

  const service = createSyncService({
    db, stationId, appVersion: deps.appVersion, schemaVersion: deps.schemaVersion, meta, outbox: deps.outbox, syncOutbox, applier,
    transportFor,
    // Every enabled carrier is topped up from the hub's pool; a carrier the hub has no numbers for is asked rarely.
    waybillNeeds: () =>
      deps.options.leaseWaybills === false ? [] : deps.carriers.list().filter((c) => c.enabled).map((c) => ({ carrierCode: c.code, free: c.pool.free })),
    addLeased, onPaired: deps.onPaired, adoptEpoch, openFlags: flags.openCount, onStatus: deps.onStatus, onApplied: deps.onApplied,
    ...(deps.files.summary ? { files: deps.files.summary } : {}), afterRound: deps.files.afterRound,
    adoptStation(id, lastSeq, hubEpoch) {
      // The reset first, while claims still name the old id; then the id and the sequence move.
      adoptEpoch(hubEpoch);
      takeOver(id, lastSeq);
    },
    ...(options.autoSync === undefined ? {} : { autoSync: options.autoSync }),
    ...(options.now ? { now: options.now } : {}),
  });
  const hosting = createHubHostingService({
    port: options.hubHosting ?? null, settings: deps.settings, dataDir: deps.dataDir, isPaired: () => meta.pairing() !== null,
    pairSelf: (url, code, fingerprint) =>
      service.pair({ hubUrl: url, code, fingerprint, insecureHttp: false, stationName: createTranslator('zh-CN').t(msg('sync.hosting.selfName', { host: hostname() })).slice(0, 60) }),
    log: deps.log,
  });

  // The hub's own entries keep its author id: the screens name it in the reader's language.
  const nameOf = (id: string) => {
    if (id === stationId()) return meta.pairing()?.stationName ?? 'this station';
    return meta.stationNames()[id] ?? (id === HUB_AUTHOR ? HUB_AUTHOR : `#${id.slice(-6)}`);
  };
  /** A bench as the screens name it; this one is "this bench" whatever its name (not to a phone at the hub's desk: it sits at no bench). */
  const benchRef = (id: string): BenchRef => ({ name: nameOf(id), thisBench: id === stationId() && callerUser.id() === null });
  /** A flag this bench raised for itself is closed here, by the same applier as any resolution. */
  const resolveLocalFlag = (flagId: string, resolution: string) =>
    appliers['flag.resolved'].apply({ flagId, resolution }, { own: true, author: stationId(), hubSeq: null, at: new Date().toISOString(), outcome: null, userId: null });
  /**
   * One request to the paired hub beside the sync rounds (取号 through the hub), with the token and
   * versions; null when not paired. Offline throws HUB_UNREACHABLE, as a round does.
   */
  const hubCall = (): HubCall | null => {
    const pairing = meta.pairing();
    if (!pairing) return null;
    const transport = transportFor(pairing.hubUrl, pairing.fingerprint);
    const versions = { protocol: HUB_PROTOCOL, appVersion: deps.appVersion, schemaVersion: deps.schemaVersion };
    return (method, path, body) =>
      transport({ method, path, token: pairing.token, ...(method === 'GET' ? { query: Object.fromEntries(Object.entries(versions).map(([k, v]) => [k, String(v)])) } : { body: { ...versions, ...body } }) });
  };
  return { meta, flags, claims, service, hosting, applier, nameOf, benchRef, resolveLocalFlag, hubCall };
}
export type Sync = ReturnType<typeof createSync>;
