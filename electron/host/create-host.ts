import { join } from 'node:path';
import { contract, events, type Events } from '#shared/contract/index';
import { createAttachmentRoutes, type AttachmentRoutes } from './attachments/attachment-http';
import { migrate } from './db/migrate';
import { migrations } from './db/migrations/index';
import { inTransaction, openDatabase } from './db/open-database';
import type { ComponentDefaults } from './devices/component-printer';
import type { DriverPrinting } from './devices/printer.port';
import type { Tcp9100Timeouts } from './devices/tcp9100.transport';
import { wireBench } from './host-bench-wiring';
import type { HostContext } from './host-context';
import { wireStationCore, type HostEmit, type StationCore } from './host-core-wiring';
import { handlers } from './host-handlers';
import { wireOffice } from './host-office-wiring';
import { wireSync } from './host-sync-wiring';
import type { ImportProgress } from './orders/orders.service';
import { createRpcServer, type RpcServer } from './rpc/rpc-server';
import type { SerialOptions } from './serial/serial-wiring';
import type { SyncOptions } from './sync/create-sync';
import type { SecretBox } from './waybills/waybill-keys.store';

export { APP_VERSION } from './app-version';

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
  let server: RpcServer<Events> | null = null;
  const emit: HostEmit = (name, payload, emitOptions) => server?.emit(name, payload, emitOptions);
  // Calls into parts wired further down (nothing until they exist): another user at the bench puts
  // down an order that is done; a pull, a print or a fetched number reloads the open order; the inbox's badge.
  let userChanged = () => {};
  let refreshBench = () => {};
  let touchInbox = () => {};

  const core: StationCore = { db, ...wireStationCore(db, options, emit, () => userChanged()) };
  const { syncMeta, session, orders, ordersRepo, media, system } = core;
  const synced = wireSync(core, options, emit, { refreshBench: () => refreshBench(), touchInbox: () => touchInbox() });
  const { sync, attachmentSync } = synced;
  const bench = wireBench(core, synced, options, emit, { refreshBench: () => refreshBench(), dispatch: (request) => server!.dispatch(request) });
  const { pack, printQueue, waybills, serial } = bench;
  userChanged = pack.userChanged;
  refreshBench = () => pack.refresh();
  const office = wireOffice(core, synced, bench, options, emit);
  touchInbox = office.inboxWatch.touch;
  const offOutbox = core.outbox.onAppend(touchInbox);

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
  const context: HostContext = {
    db, recorder: core.recorder, audit: core.audit, session, settings: core.settings, orders, ordersRepo, catalog: core.catalog, catalogRepo: core.catalogRepo,
    carriers: core.carriers, shipments: bench.shipments, shipmentsRepo: bench.shipmentsRepo, pack, labels: bench.labels, devices: bench.devices,
    slips: bench.slips, system, sync, printQueue, serial: serial.service, media, attachmentSync, waybills,
    ...office.services,
    importOrders: async (files, mappingName) => afterImport(await orders.import(files, mappingName, progressEvents, currentActor())),
    loadSamples: async () => afterImport(await system.loadSamples(progressEvents, currentActor())),
  };
  server = createRpcServer({
    contract, events, handlers, context,
    validateOutput: options.validateOutput ?? outputChecked(),
    ...(options.log ? { log: options.log } : {}),
  });
  // Paired as admin before users were the shop's: publish them now.
  if (syncMeta.usersPublishedTo() !== (syncMeta.pairing()?.hubId ?? null)) inTransaction(db, synced.publishUsers);
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
    media, thumbOf: (sha256) => office.services.photos.thumbOf(sha256),
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
      office.inboxWatch.stop();
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
