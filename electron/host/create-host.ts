import { join } from 'node:path';
import { contract, events, type Events } from '#shared/contract/index';
import type { Handlers } from '#shared/rpc/define';
import type { z } from 'zod';
import { createWaybillPoolRepo } from './carriers/waybill-pool.repo';
import { carriersHandlers } from './carriers/carriers.handlers';
import { createCarriersService } from './carriers/carriers.service';
import { catalogHandlers } from './catalog/catalog.handlers';
import { createCatalogRepo } from './catalog/catalog.repo';
import { createCatalogService } from './catalog/catalog.service';
import { migrate } from './db/migrate';
import { migrations } from './db/migrations/index';
import { openDatabase } from './db/open-database';
import { createOutboxRepo } from './db/outbox.repo';
import { devicesHandlers } from './devices/devices.handlers';
import { createDevicesService } from './devices/devices.service';
import type { HostContext } from './host-context';
import { labelsHandlers } from './labels/labels.handlers';
import { createLabelsService } from './labels/labels.service';
import { ordersHandlers } from './orders/orders.handlers';
import { createOrdersRepo } from './orders/orders.repo';
import { createOrdersService, type ImportProgress } from './orders/orders.service';
import { createPackProgressRepo } from './pack/pack-progress.repo';
import { packHandlers } from './pack/pack.handlers';
import { createPackService } from './pack/pack.service';
import { createRpcServer, type RpcServer } from './rpc/rpc-server';
import { createAuditRepo } from './session/audit.repo';
import { sessionHandlers } from './session/session.handlers';
import { createSessionService } from './session/session.service';
import { settingsHandlers } from './settings/settings.handlers';
import { createSettingsRepo } from './settings/settings.repo';
import { createSettingsService } from './settings/settings.service';
import { shipmentsHandlers } from './shipments/shipments.handlers';
import { createShipmentsRepo } from './shipments/shipments.repo';
import { createShipmentsService } from './shipments/shipments.service';
import { createSystemService, findResourcesDir } from './system/system.service';
import { createSync, type SyncOptions } from './sync/create-sync';
import { createStationIdentity } from './sync/station-identity';
import { syncHandlers } from './sync/sync.handlers';
import { damageHandlers } from './damage/damage.handlers';
import { createDamageService } from './damage/damage.service';

export type HostOptions = {
  dataDir: string;
  /** Parse every RPC output against the contract (on in development and tests). */
  validateOutput?: boolean;
  resourcesDir?: string;
  log?: (line: string, error?: unknown) => void;
  /** Sync with the shop's hub: transport, schedule, and hosting the hub on this PC. */
  sync?: SyncOptions;
};

export type Host = {
  server: RpcServer<Events>;
  context: HostContext;
  dataDir: string;
  /** Stops syncing and hosting, then closes the database. */
  close(): void;
};

const handlers: Handlers<typeof contract, HostContext> = {
  ...carriersHandlers,
  ...catalogHandlers,
  ...damageHandlers,
  ...devicesHandlers,
  ...labelsHandlers,
  ...ordersHandlers,
  ...packHandlers,
  ...sessionHandlers,
  ...settingsHandlers,
  ...shipmentsHandlers,
  ...syncHandlers,
};

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
  const emit = <K extends keyof Events & string>(name: K, payload: z.input<Events[K]>) => server?.emit(name, payload);

  const outbox = createOutboxRepo(db);
  const settingsRepo = createSettingsRepo(db);
  const settings = createSettingsService(settingsRepo);
  const audit = createAuditRepo(db, outbox);
  const session = createSessionService(db, (s) => emit('session.changed', s));
  const ordersRepo = createOrdersRepo(db);
  const orders = createOrdersService({ db, repo: ordersRepo, outbox, shipPromiseHours: () => settings.get().shipPromiseHours });
  const catalogRepo = createCatalogRepo(db);
  const catalog = createCatalogService({ db, repo: catalogRepo, outbox, syncCursor: () => sync.meta.cursor() });
  const pool = createWaybillPoolRepo(db);
  const carriers = createCarriersService({ db, pool, settings: settingsRepo, outbox });
  const shipmentsRepo = createShipmentsRepo(db);
  const shipments = createShipmentsService({
    db, repo: shipmentsRepo, pool, orders: ordersRepo, catalog: catalogRepo, carriers, outbox, audit,
    emptyPoolAdvice: () => {
      const status = sync.service.status();
      if (!status.paired) return '请导入单号 / import numbers';
      return status.state === 'offline'
        ? '本机离线：连上同步中心后会自动补充单号 / this station is offline: numbers refill automatically once the hub is reachable'
        : '同步中心的单号池也没有此快递的单号，请在中心导入 / the hub has no numbers for this carrier either: import them at the hub';
    },
  });
  const devices = createDevicesService({ settings: settingsRepo, dataDir: options.dataDir });
  const progress = createPackProgressRepo(db, outbox);

  let refreshBench = () => {};
  const sync = createSync({
    db, dataDir: options.dataDir, identity, appVersion: APP_VERSION, schemaVersion: migrations.length, outbox,
    orders: ordersRepo, catalog: catalogRepo, pool, carriers, settings: settingsRepo,
    onStatus: (status) => emit('sync.changed', status),
    onApplied: () => {
      refreshBench();
      emit('orders.changed', { count: ordersRepo.count() });
    },
    log: options.log ?? (() => {}),
    options: options.sync ?? {},
  });
  const labels = createLabelsService({
    orders: ordersRepo, shipmentsRepo, shipments, catalog: catalogRepo, settings, devices,
    onPrinted: (event) => {
      emit('labels.printed', event);
      refreshBench();
    },
  });
  const pack = createPackService({
    db, outbox, audit, orders: ordersRepo, catalog: catalogRepo, progress, shipments, shipmentsRepo, carriers, session, settings,
    printShipments: (ids) => labels.printShipments(ids),
    onState: (state) => emit('bench.changed', state),
    claimOrder: (orderId) => {
      const other = sync.claims.claim(orderId);
      return other === null ? null : sync.nameOf(other);
    },
  });
  refreshBench = () => pack.refresh();
  const system = createSystemService({
    db, dataDir: options.dataDir, stationId, version: APP_VERSION, resourcesDir: options.resourcesDir ?? findResourcesDir(),
    orders, ordersRepo, catalog, catalogRepo, carriers, settings,
  });
  const progressEvents: ImportProgress = (phase, done, total) => emit('import.progressed', { phase, done, total });
  const afterImport = <T>(value: T): T => {
    pack.refresh();
    emit('orders.changed', { count: ordersRepo.count() });
    return value;
  };

  const context: HostContext = {
    db, outbox, session, settings, orders, ordersRepo, catalog, catalogRepo, carriers, shipments, shipmentsRepo,
    pack, labels, devices, system, sync,
    damage: createDamageService({ db, outbox, stationId, syncCursor: () => sync.meta.cursor() }),
    importOrders: async (files, mappingName) => afterImport(await orders.import(files, mappingName, progressEvents)),
    loadSamples: async () => afterImport(await system.loadSamples(progressEvents)),
  };
  server = createRpcServer({
    contract, events, handlers, context,
    validateOutput: options.validateOutput ?? process.env['NODE_ENV'] !== 'production',
    ...(options.log ? { log: options.log } : {}),
  });
  // Entries parked for a newer version: this may be that version.
  if (sync.applier.parkedCount() > 0) sync.applier.retryParked();
  sync.service.start();
  void sync.hosting.resume();
  return {
    server, context, dataDir: options.dataDir,
    close: () => {
      sync.service.stop();
      void sync.hosting.stop();
      db.close();
    },
  };
}

declare const __APP_VERSION__: string | undefined;
export const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.1.0';
