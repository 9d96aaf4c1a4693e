import type { Events } from '#shared/contract/index';
import type { z } from 'zod';
import { APP_VERSION } from './app-version';
import { createAttachmentStore } from './attachments/attachment-store';
import { createWaybillPoolRepo } from './carriers/waybill-pool.repo';
import { createCarriersService } from './carriers/carriers.service';
import { createCatalogRepo } from './catalog/catalog.repo';
import { createCatalogService } from './catalog/catalog.service';
import type { HostOptions } from './create-host';
import type { Db } from './db/open-database';
import { createOutboxRepo } from './db/outbox.repo';
import { createStationOps, userRoleOf } from './ops/op-recorder';
import { createOrdersRepo } from './orders/orders.repo';
import { createOrdersService } from './orders/orders.service';
import { createClipsRepo } from './pack-video/clips.repo';
import { createMediaService } from './pack-video/media.service';
import { createReshipRepo } from './reship/reship.repo';
import type { RpcServer } from './rpc/rpc-server';
import { createAuditRepo } from './session/audit.repo';
import { createPinGuard } from './session/pin-guard';
import { createSessionService } from './session/session.service';
import { createSettingsRepo } from './settings/settings.repo';
import { createSettingsService } from './settings/settings.service';
import { createStationIdentity } from './sync/station-identity';
import { createSyncMetaRepo } from './sync/sync-meta.repo';
import { createSystemService, findResourcesDir } from './system/system.service';
import { createProviderWaybillsRepo } from './waybills/provider-waybills.repo';

/** An event to every window (the RPC server is made last: before that, nobody is listening). */
export type HostEmit = RpcServer<Events>['emit'];

/**
 * What every other part builds on, over the station's database: the op recorder and audit,
 * settings, the session, orders, the catalog with its pictures, carriers.
 */
export function wireStationCore(
  db: Db,
  options: Pick<HostOptions, 'dataDir' | 'resourcesDir' | 'log'>,
  emit: HostEmit,
  /** Another user logged in at this bench. */
  userChanged: () => void,
) {
  const identity = createStationIdentity(db);
  const stationId = identity.id;

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
  let userId: string | null = null;
  const sessionChanged = (s: z.input<Events['session.changed']>) => {
    const now = s.user?.id ?? null;
    if (now !== null && now !== userId) userChanged();
    if (now !== null) userId = now;
    emit('session.changed', s);
  };
  const session = createSessionService(db, recorder, { id: stationId, paired: () => syncMeta.pairing() !== null, cursor: syncCursor }, sessionChanged, createPinGuard({ db, audit }));
  // The user alone: the whole session would also check the factory PIN (a scrypt, ~80 ms) at every start.
  userId = session.user()?.id ?? null;
  const orders = createOrdersService({
    db, repo: ordersRepo, recorder, shipPromiseHours: () => settings.get().shipPromiseHours,
    station: () => ({ id: stationId(), role: syncMeta.pairing()?.role ?? null }), opsAppended: outbox.appendedElsewhere,
  });
  const attachmentStore = createAttachmentStore(db, options.dataDir);
  const media = createMediaService({ db, store: attachmentStore, clips: createClipsRepo(db, attachmentStore), settings, paired: () => syncMeta.pairing() !== null });
  const catalog = createCatalogService({ db, repo: catalogRepo, recorder, syncCursor, saveImage: (code, ref) => media.importSkuImage(code, ref, options.log) });
  const carriers = createCarriersService({ db, pool, settings: settingsRepo, recorder, syncCursor, skuKnown: catalogRepo.exists });
  const system = createSystemService({
    db, dataDir: options.dataDir, stationId, version: APP_VERSION, resourcesDir: options.resourcesDir ?? findResourcesDir(),
    orders, ordersRepo, catalog, catalogRepo, carriers, settings,
  });

  return {
    identity, stationId, outbox, syncMeta, syncCursor, settingsRepo, ordersRepo, catalogRepo, pool, providerWaybills,
    appliers, authorized, recorder, audit, settings, session, orders, attachmentStore, media, catalog, carriers, system,
    reships: createReshipRepo(db),
  };
}
/** The core and its database (the handle's type is named here: an inferred one cannot name it). */
export type StationCore = ReturnType<typeof wireStationCore> & { db: Db };
