import { APP_VERSION } from './app-version';
import { createAttachmentSync } from './attachments/attachment-sync';
import type { HostOptions } from './create-host';
import { migrations } from './db/migrations/index';
import type { HostEmit, StationCore } from './host-core-wiring';
import { createSync, filesLink } from './sync/create-sync';

/**
 * The shop's hub: pushing and pulling the log, hosting the hub on this PC, the shop's names of
 * benches, and photos and videos travelling with each round.
 */
export function wireSync(
  core: StationCore,
  options: Pick<HostOptions, 'dataDir' | 'sync' | 'log'>,
  emit: HostEmit,
  /** What a pull or a status change touches beyond sync itself: the open order, the inbox's badge. */
  hooks: { refreshBench: () => void; touchInbox: () => void },
) {
  const { db, syncMeta, session, settings, ordersRepo } = core;
  // Photos and videos to the hub after each sync round, fetched from it on demand, kept within the disk budget.
  const attachmentSync = createAttachmentSync({
    db, store: core.attachmentStore, pairing: () => syncMeta.pairing(),
    filesFor: filesLink(options.sync ?? {}, { appVersion: APP_VERSION, schemaVersion: migrations.length }),
    budgetMb: () => settings.get().attachmentBudgetMb,
    onChange: () => emit('sync.changed', sync.service.status()),
    log: options.log ?? (() => {}),
    ...(options.sync?.now ? { now: ((clock) => () => new Date(clock()))(options.sync.now) } : {}),
  });
  const sync = createSync({
    db, dataDir: options.dataDir, identity: core.identity, appVersion: APP_VERSION, schemaVersion: migrations.length, outbox: core.outbox,
    orders: ordersRepo, pool: core.pool, carriers: core.carriers, settings: core.settingsRepo, meta: syncMeta,
    appliers: core.appliers, authorized: core.authorized, recorder: core.recorder,
    onStatus: (status) => {
      emit('sync.changed', status);
      hooks.touchInbox();
    },
    onApplied: () => {
      session.usersChanged();
      hooks.refreshBench();
      hooks.touchInbox();
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
  // Another bench's name (sync knows the shop's names); this bench's own users need none.
  const otherBench = (id: string) => (id === core.stationId() ? null : sync.nameOf(id));

  return { sync, attachmentSync, publishUsers, otherBench };
}
export type SyncWiring = ReturnType<typeof wireSync>;
