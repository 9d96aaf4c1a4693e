import { join } from 'node:path';
import { contract, events, type Events } from '#shared/contract/index';
import { msg } from '#shared/i18n/message';
import type { Handlers } from '#shared/rpc/define';
import type { z } from 'zod';
import { auditHandlers } from './audit/audit.handlers';
import { createAuditListRepo } from './audit/audit-list.repo';
import { createAuditViewService } from './audit/audit-view.service';
import { createWaybillPoolRepo } from './carriers/waybill-pool.repo';
import { carriersHandlers } from './carriers/carriers.handlers';
import { createCarriersService } from './carriers/carriers.service';
import { catalogHandlers } from './catalog/catalog.handlers';
import { createCatalogRepo } from './catalog/catalog.repo';
import { createCatalogService } from './catalog/catalog.service';
import { migrate } from './db/migrate';
import { migrations } from './db/migrations/index';
import { inTransaction, openDatabase } from './db/open-database';
import { createOutboxRepo } from './db/outbox.repo';
import { devicesHandlers } from './devices/devices.handlers';
import { createDevicesService } from './devices/devices.service';
import type { ComponentDefaults } from './devices/component-printer';
import { serialHandlers } from './serial/serial.handlers';
import { wireSerialDevices, type SerialOptions } from './serial/serial-wiring';
import type { HostContext } from './host-context';
import { labelsHandlers } from './labels/labels.handlers';
import { createLabelsService } from './labels/labels.service';
import { printQueueHandlers } from './labels/print-queue.handlers';
import { createPrintQueueRepo } from './labels/print-queue.repo';
import { createPrintQueue } from './labels/print-queue.service';
import type { DriverPrinting } from './devices/printer.port';
import type { Tcp9100Timeouts } from './devices/tcp9100.transport';
import { ordersHandlers } from './orders/orders.handlers';
import { createOrdersRepo } from './orders/orders.repo';
import { createOrdersService, type ImportProgress } from './orders/orders.service';
import { createPackProgressRepo } from './pack/pack-progress.repo';
import { packHandlers } from './pack/pack.handlers';
import { createPackService } from './pack/pack.service';
import { createRpcServer, type EmitOptions, type RpcServer } from './rpc/rpc-server';
import { createAuditRepo } from './session/audit.repo';
import { createPinGuard } from './session/pin-guard';
import { sessionHandlers } from './session/session.handlers';
import { createSessionService } from './session/session.service';
import { settingsHandlers } from './settings/settings.handlers';
import { createSettingsRepo } from './settings/settings.repo';
import { createSettingsService } from './settings/settings.service';
import { createSlipsService } from './slips/slips.service';
import { shipmentsHandlers } from './shipments/shipments.handlers';
import { createShipmentsRepo } from './shipments/shipments.repo';
import { createShipmentsService } from './shipments/shipments.service';
import { createSystemService, findResourcesDir } from './system/system.service';
import { createSync, filesLink, type SyncOptions } from './sync/create-sync';
import { createStationIdentity } from './sync/station-identity';
import { syncHandlers } from './sync/sync.handlers';
import { damageHandlers } from './damage/damage.handlers';
import { handoverHandlers } from './handover/handover.handlers';
import { createHandoverSheets } from './handover/handover-sheets.service';
import { createHandoverService } from './handover/handover.service';
import { createDamageService } from './damage/damage.service';
import { createEvidenceService } from './damage/evidence.service';
import { createStationOps, userRoleOf } from './ops/op-recorder';
import { createSyncMetaRepo } from './sync/sync-meta.repo';
import { createAttachmentStore } from './attachments/attachment-store';
import { createAttachmentRoutes, type AttachmentRoutes } from './attachments/attachment-http';
import { createAttachmentSync } from './attachments/attachment-sync';
import { createClipsRepo } from './pack-video/clips.repo';
import { createMediaService } from './pack-video/media.service';
import { mediaHandlers } from './pack-video/media.handlers';
import { createReshipRepo } from './reship/reship.repo';
import { claimsHandlers } from './claims/claims.handlers';
import { createClaimsRepo } from './claims/claims.repo';
import { createClaimsService } from './claims/claims.service';
import { createReshipBench } from './reship/reship-bench';
import { photosHandlers } from './attachments/photos.handlers';
import { createPhotosService } from './attachments/photos.service';
import { createPhotoReader } from './attachments/photo-read';
import { returnsHandlers } from './returns/returns.handlers';
import { createReturnsService } from './returns/returns.service';
import { inboxHandlers } from './inbox/inbox.handlers';
import { trackingHandlers } from './tracking/tracking.handlers';
import { hubWaybillsLink } from './waybills/hub-waybills.link';
import { createProviderWaybillsRepo } from './waybills/provider-waybills.repo';
import { createWaybillKeysStore, type SecretBox } from './waybills/waybill-keys.store';
import { waybillsHandlers } from './waybills/waybills.handlers';
import { createWaybillsService } from './waybills/waybills.service';
import { createTrackingRepo } from './tracking/tracking.repo';
import { createTrackingService } from './tracking/tracking.service';
import { createInboxService } from './inbox/inbox.service';
import { watchInbox } from './inbox/inbox-watch';
import { benchScanning, bulkWorkRunning } from './workers/yield-to-scans';
import { createBenchExceptions } from './inbox/bench-exceptions';
import { dashboardHandlers } from './dashboard/dashboard.handlers';
import { createDashboardService } from './dashboard/dashboard.service';
import { guardHandlers } from './guard/guard.handlers';
import { createGuardService } from './guard/guard.service';

export type HostOptions = {
  dataDir: string;
  /** Parse every RPC output against the contract: on in tests (see `outputChecked`), off for packers. */
  validateOutput?: boolean;
  resourcesDir?: string;
  log?: (line: string, error?: unknown) => void;
  /** Sync with the shop's hub: transport, schedule, and hosting the hub on this PC. */
  sync?: SyncOptions;
  /** Printing: Electron's driver printing (desktop app), and quicker retries and timeouts for tests. */
  printing?: { driver?: DriverPrinting; retryDelayMs?: (attempts: number) => number; timeouts?: Partial<Tcp9100Timeouts>; components?: ComponentDefaults };
  /** Serial scanners and scale: the port factory and port list (tests pass fakes), or false for none. */
  serial?: SerialOptions | false;
  /** Seals secrets at rest (the desktop app passes Electron's safeStorage); none: files only this user can read. */
  secrets?: SecretBox | null;
  /** E-waybill providers: a shorter timeout for tests against slow fakes. */
  providerTimeoutMs?: number;
};

export type Host = {
  server: RpcServer<Events>;
  context: HostContext;
  dataDir: string;
  /** `/attachments/…` for the browser station: pack clips in, videos and pictures out. */
  attachments: AttachmentRoutes;
  /** Stops syncing and hosting, then closes the database. */
  close(): void;
};

const handlers: Handlers<typeof contract, HostContext> = {
  ...auditHandlers,
  ...carriersHandlers,
  ...catalogHandlers,
  ...claimsHandlers,
  ...damageHandlers,
  ...dashboardHandlers,
  ...devicesHandlers,
  ...guardHandlers,
  ...handoverHandlers,
  ...inboxHandlers,
  ...serialHandlers,
  ...labelsHandlers,
  ...mediaHandlers,
  ...ordersHandlers,
  ...packHandlers,
  ...photosHandlers,
  ...printQueueHandlers,
  ...returnsHandlers,
  ...sessionHandlers,
  ...settingsHandlers,
  ...shipmentsHandlers,
  ...trackingHandlers,
  ...waybillsHandlers,
  ...syncHandlers,
};

/**
 * Whether the host checks its own answers against the contract. A developer's check, not a
 * boundary (the renderer is ours), and ~0.5–1 ms of every scan's answer (measured at the bench):
 * on under Vitest and where `PACKDESK_CHECK_OUTPUT=1` (the end-to-end tests' stations), off in
 * the built app, which sets no NODE_ENV.
 */
const outputChecked = () => process.env['NODE_ENV'] === 'test' || process.env['PACKDESK_CHECK_OUTPUT'] === '1';

/**
 * The station core: opens the database, brings its schema up to date and wires repositories,
 * services and the RPC server. It never imports Electron, so the desktop app, the browser station,
 * the CLI and the tests all run this same code.
 */
export function createHost(options: HostOptions): Host {
  const db = openDatabase(join(options.dataDir, 'station.db'));
  migrate(db, migrations);
  const identity = createStationIdentity(db);
  const stationId = identity.id;

  let server: RpcServer<Events> | null = null;
  const emit = <K extends keyof Events & string>(name: K, payload: z.input<Events[K]>, options?: EmitOptions) => server?.emit(name, payload, options);

  const outbox = createOutboxRepo(db);
  const syncMeta = createSyncMetaRepo(db);
  // How far this bench has pulled the shop's log: a save says what it had seen (the hub flags an unseen overwrite).
  const syncCursor = () => syncMeta.cursor();
  const settingsRepo = createSettingsRepo(db);
  const ordersRepo = createOrdersRepo(db);
  const catalogRepo = createCatalogRepo(db);
  const pool = createWaybillPoolRepo(db);
  const providerWaybills = createProviderWaybillsRepo(db);
  // Every op's effect, for the services that record ops and for the log applier alike.
  const { appliers, authorized, recorder } = createStationOps({
    db, outbox, stationId, stationRole: () => syncMeta.pairing()?.role ?? null, userRole: userRoleOf(db, () => syncMeta.pairing() !== null),
  });
  const audit = createAuditRepo(recorder);
  const settings = createSettingsService(settingsRepo, { db, audit });
  // Another user at the bench: the pack service puts down an order that is done (wired once it exists).
  let userChanged = () => {};
  let userId: string | null = null;
  const sessionChanged = (s: z.input<Events['session.changed']>) => {
    const now = s.user?.id ?? null;
    if (now !== null && now !== userId) userChanged();
    if (now !== null) userId = now;
    emit('session.changed', s);
  };
  const session = createSessionService(db, recorder, { id: stationId, paired: () => syncMeta.pairing() !== null, cursor: syncCursor }, sessionChanged, createPinGuard({ db, audit }));
  userId = session.current().user?.id ?? null;
  const orders = createOrdersService({
    db, repo: ordersRepo, recorder, shipPromiseHours: () => settings.get().shipPromiseHours,
    station: () => ({ id: stationId(), role: syncMeta.pairing()?.role ?? null }), opsAppended: outbox.appendedElsewhere,
  });
  const attachmentStore = createAttachmentStore(db, options.dataDir);
  const media = createMediaService({ db, store: attachmentStore, clips: createClipsRepo(db, attachmentStore), settings, paired: () => syncMeta.pairing() !== null });
  // Photos and videos to the hub after each sync round, fetched from it on demand, kept within the disk budget.
  const attachmentSync = createAttachmentSync({
    db, store: attachmentStore, pairing: () => syncMeta.pairing(),
    filesFor: filesLink(options.sync ?? {}, { appVersion: APP_VERSION, schemaVersion: migrations.length }),
    budgetMb: () => settings.get().attachmentBudgetMb,
    onChange: () => emit('sync.changed', sync.service.status()),
    log: options.log ?? (() => {}),
    ...(options.sync?.now ? { now: ((clock) => () => new Date(clock()))(options.sync.now) } : {}),
  });
  const catalog = createCatalogService({ db, repo: catalogRepo, recorder, syncCursor, saveImage: (code, ref) => media.importSkuImage(code, ref, options.log) });
  const carriers = createCarriersService({ db, pool, settings: settingsRepo, recorder, syncCursor, skuKnown: catalogRepo.exists });
  // Another bench's name (sync, made below, knows the shop's names); this bench's own users need none.
  const otherBench = (id: string) => (id === stationId() ? null : sync.nameOf(id));
  const shipmentsRepo = createShipmentsRepo(db, otherBench);
  const shipments = createShipmentsService({
    db, repo: shipmentsRepo, pool, providerWaybills, orders: ordersRepo, carriers, recorder, audit, onHand: (sku) => catalogRepo.onHand(sku),
    afterVoid: () => waybills.kick(),
    emptyPoolAdvice: () => {
      // A shop that fetches its numbers (取号) needs this order's fetched first, not a pool.
      const fetched = providerWaybills.counts();
      if (fetched.used + fetched.ready > 0) return msg('ship.poolAdvice.fetch');
      const status = sync.service.status();
      if (!status.paired) return msg('ship.poolAdvice.import');
      return status.state === 'offline' ? msg('ship.poolAdvice.offline') : msg('ship.poolAdvice.hubEmpty');
    },
  });
  const devices = createDevicesService({
    settings: settingsRepo, dataDir: options.dataDir,
    ...(options.printing?.driver ? { system: { driver: options.printing.driver } } : {}),
    ...(options.printing?.timeouts ? { timeouts: options.printing.timeouts } : {}),
    ...(options.printing?.components ? { components: options.printing.components } : {}),
  });
  const progress = createPackProgressRepo(db, recorder);
  const reships = createReshipRepo(db);

  let refreshBench = () => {};
  let touchInbox = () => {};
  const sync = createSync({
    db, dataDir: options.dataDir, identity, appVersion: APP_VERSION, schemaVersion: migrations.length, outbox,
    orders: ordersRepo, pool, carriers, settings: settingsRepo, meta: syncMeta, appliers, authorized, recorder,
    onStatus: (status) => {
      emit('sync.changed', status);
      touchInbox();
    },
    onApplied: () => {
      session.usersChanged();
      refreshBench();
      touchInbox();
      emit('orders.changed', { count: ordersRepo.count() });
    },
    log: options.log ?? (() => {}),
    options: options.sync ?? {},
    onPaired: () => publishUsers(),
    files: { summary: attachmentSync.summary, afterRound: attachmentSync.kick },
  });
  /** An admin station makes its users the shop's, once per hub; other stations' users stay their own. */
  function publishUsers(): void {
    const pairing = syncMeta.pairing();
    if (pairing?.role !== 'admin' || syncMeta.usersPublishedTo() === pairing.hubId) return;
    session.publishAll();
    syncMeta.setUsersPublishedTo(pairing.hubId);
  }
  const benchExceptions = createBenchExceptions(db, recorder, stationId);
  const printQueue = createPrintQueue({
    db, repo: createPrintQueueRepo(db), audit,
    send: (job) => labels.sendWaybill(job),
    statusAfter: async () => (await devices.printer().queryStatus?.()) ?? null,
    onSettled: (job, result, error) => labels.settled(job, result, error),
    onChange: (summary) => emit('printQueue.changed', summary),
    onJobState: (job) => benchExceptions.printJob(job),
    ...(options.printing?.retryDelayMs ? { retryDelayMs: options.printing.retryDelayMs } : {}),
  });
  const labels = createLabelsService({
    orders: ordersRepo, shipmentsRepo, shipments, catalog: catalogRepo, settings, devices,
    queue: () => printQueue,
    issued: (trackingNo) => providerWaybills.get(trackingNo),
    issuedOf: (orderId) => providerWaybills.ofOrder(orderId),
    onFetchedPrinted: (trackingNo) => waybills.printed(trackingNo),
    onPrinted: (event) => {
      emit('labels.printed', event);
      refreshBench();
    },
  });
  let serialRequests = 0;
  const serial = wireSerialDevices({
    settings: settingsRepo, options: options.serial, emit,
    scan: (code) => server!.dispatch({ t: 'req', id: (serialRequests += 1), method: 'bench.scan', input: { code, source: 'serial' } }),
    pack: () => pack,
    // Every bench's inbox lists it (bench.exception), not only this bench's.
    flag: (flag) => benchExceptions.weightMismatch(flag.orderId, flag.message),
  });
  const slips = createSlipsService({
    settingsRepo, settings, orders: ordersRepo,
    onPrinted: (outcome) => emit('slips.printed', outcome),
  });
  const pack = createPackService({
    db, recorder, audit, orders: ordersRepo, catalog: catalogRepo, progress, shipments, shipmentsRepo, carriers, session, settings,
    syncCursor,
    reship: createReshipBench({ reships, catalog: catalogRepo, progress }),
    printShipments: (ids, reprintedBy) => labels.printShipments(ids, reprintedBy),
    slipAt: (moment, orderId) => slips.at(moment, orderId),
    // A bench call answers with the state; only the other windows need the event.
    onState: (state, cause) => emit('bench.changed', state, { exceptCaller: cause === 'answer' }),
    claimOrder: (orderId) => {
      const other = sync.claims.claim(orderId);
      return other === null ? null : sync.nameOf(other);
    },
    scaleStatus: () => serial.service?.scaleStatus() ?? null,
    raiseWeightFlag: (order, d) =>
      serial.raiseFlag(order.id, msg('flagText.weightMismatch', { order: order.externalId, weight: d.weightG, expected: d.expectedG, deviation: d.deviationG })),
    heldWeightMismatch: (orderId) => benchExceptions.heldWeightG(orderId),
    weightAccepted: (orderId, message) => benchExceptions.weightAccepted(orderId, message),
  });
  userChanged = pack.userChanged;
  refreshBench = () => pack.refresh();
  const system = createSystemService({
    db, dataDir: options.dataDir, stationId, version: APP_VERSION, resourcesDir: options.resourcesDir ?? findResourcesDir(),
    orders, ordersRepo, catalog, catalogRepo, carriers, settings,
  });
  const currentActor = () => {
    const user = session.user();
    return user ? { userId: user.id, authorizerId: null } : null;
  };
  const progressEvents: ImportProgress = (phase, done, total) => emit('import.progressed', { phase, done, total });
  const afterImport = <T>(value: T): T => {
    pack.refresh();
    emit('orders.changed', { count: ordersRepo.count() });
    return value;
  };

  const claimsRepo = createClaimsRepo(db);
  const damage = createDamageService({
    db, recorder, orders: ordersRepo, shipments: shipmentsRepo, catalog: catalogRepo, reships, claims: claimsRepo,
    syncCursor, benchRef: sync.benchRef,
    // A scale that was unplugged or is reconnecting says nothing: its last weight is not this item's.
    stableWeight: () => (serial.service?.scaleStatus() === 'connected' ? pack.settledWeight() : null),
  });
  const inbox = createInboxService({
    db, recorder, settings: settingsRepo, stationId: identity.id, bench: sync.benchRef, paired: () => syncMeta.pairing() !== null, syncCursor,
    hubPools: () => syncMeta.hubPools(), resolveLocalFlag: sync.resolveLocalFlag, ...(options.sync?.now ? { now: options.sync.now } : {}),
  });
  // The badge may lag a few seconds behind an import or a catch-up while a packer scans beside it.
  const inboxWatch = watchInbox(() => inbox.counts(), (counts) => emit('inbox.changed', counts), { holdWhile: () => benchScanning() && bulkWorkRunning() });
  touchInbox = inboxWatch.touch;
  const offOutbox = outbox.onAppend(touchInbox);

  const photos = createPhotosService({ db, store: attachmentStore });
  const readPhoto = createPhotoReader({ store: attachmentStore, thumbOf: (sha256) => photos.thumbOf(sha256), fetchMissing: (sha256) => attachmentSync.fetcher.fetch(sha256) });
  const handover = createHandoverService({ db, recorder, benchRef: sync.benchRef, hasAttachment: (sha256) => attachmentStore.open(sha256) !== null });
  const waybills = createWaybillsService({
    db, repo: providerWaybills, recorder, audit, orders: ordersRepo, carriers, keys: createWaybillKeysStore(options.dataDir, options.secrets ?? null),
    sender: () => settings.get().sender, stationId,
    hostedHubKeys: () => sync.hosting.waybillKeys(),
    labelQueue: printQueue,
    asksForHub: () => ['supervisor', 'admin'].includes(syncMeta.pairing()?.role ?? ''),
    hub: () => {
      const call = sync.hubCall();
      return call ? hubWaybillsLink(call, async () => void (await sync.service.syncNow())) : null;
    },
    ...(options.providerTimeoutMs ? { providerTimeoutMs: options.providerTimeoutMs } : {}),
    log: options.log ?? (() => {}),
    onChange: () => refreshBench(),
  });
  const context: HostContext = {
    db, recorder, session, settings, orders, ordersRepo, catalog, catalogRepo, carriers, shipments, shipmentsRepo,
    pack, labels, devices, slips, system, sync, printQueue, serial: serial.service, media, attachmentSync,
    claims: createClaimsService({ db, recorder, repo: claimsRepo, syncCursor }),
    damage,
    evidence: createEvidenceService({
      db, damage, shipments: shipmentsRepo, attachments: attachmentStore, stationName: () => syncMeta.pairing()?.stationName ?? null, otherBench,
    }),
    photos,
    readPhoto,
    handover,
    handoverSheets: createHandoverSheets({
      handover, readPhoto, labelSize: () => devices.getConfig().labelSize, printLayouts: (layouts, title) => labels.printLayouts(layouts, title),
      sender: () => settings.get().sender,
    }),
    returns: createReturnsService({
      db, recorder, orders: ordersRepo, shipments: shipmentsRepo, catalog: catalogRepo, lookupOrder: damage.lookup, benchRef: sync.benchRef,
    }),
    auditView: createAuditViewService({
      repo: createAuditListRepo(db), benchRef: sync.benchRef, stationNames: () => sync.meta.stationNames(), stationId,
      ownName: () => sync.meta.pairing()?.stationName ?? null, language: () => settings.get().language,
    }),
    inbox,
    tracking: createTrackingService({ db, recorder, repo: createTrackingRepo(db), orders: ordersRepo }),
    dashboard: createDashboardService(db, Date.now, otherBench),
    waybills,
    guard: createGuardService({ db, settings: () => inbox.settings() }),
    importOrders: async (files, mappingName) => afterImport(await orders.import(files, mappingName, progressEvents, currentActor())),
    loadSamples: async () => afterImport(await system.loadSamples(progressEvents, currentActor())),
  };
  server = createRpcServer({
    contract, events, handlers, context,
    validateOutput: options.validateOutput ?? outputChecked(),
    ...(options.log ? { log: options.log } : {}),
  });
  // Paired as admin before users were the shop's: publish them now.
  if (syncMeta.usersPublishedTo() !== (syncMeta.pairing()?.hubId ?? null)) inTransaction(db, publishUsers);
  // Entries parked for a newer version: this may be that version.
  if (sync.applier.parkedCount() > 0) sync.applier.retryParked();
  sync.service.start();
  void sync.hosting.resume();
  // Labels left in the queue by the last run print now; one cut off mid-send waits for the packer.
  printQueue.resume();
  waybills.start();
  serial.service?.start();
  // Clips past their retention go at start too, not only when the next one arrives.
  media.sweep();
  attachmentSync.sweep();
  const attachments = createAttachmentRoutes({
    media, thumbOf: (sha256) => photos.thumbOf(sha256),
    fetchMissing: (sha256) => attachmentSync.fetcher.fetch(sha256),
    benchUser: () => {
      try {
        return session.requireUser().id;
      } catch {
        return null;
      }
    }, orderExists: (id) => ordersRepo.get(id) !== null,
    log: options.log ?? ((line, error) => console.error(line, error)),
  });
  return {
    server, context, dataDir: options.dataDir, attachments,
    close: () => {
      inboxWatch.stop();
      offOutbox();
      printQueue.stop();
      waybills.stop();
      sync.service.stop();
      attachmentSync.stop();
      void sync.hosting.stop();
      void serial.service?.stop();
      db.close();
    },
  };
}

declare const __APP_VERSION__: string | undefined;
export const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.1.0';
