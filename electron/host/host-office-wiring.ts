import { createPhotoReader } from './attachments/photo-read';
import { createPhotosService } from './attachments/photos.service';
import { createAuditListRepo } from './audit/audit-list.repo';
import { createAuditViewService } from './audit/audit-view.service';
import { createClaimsRepo } from './claims/claims.repo';
import { createClaimsService } from './claims/claims.service';
import type { HostOptions } from './create-host';
import { createDamageService } from './damage/damage.service';
import { createEvidenceService } from './damage/evidence.service';
import { createDashboardService } from './dashboard/dashboard.service';
import { createGuardService } from './guard/guard.service';
import { createHandoverSheets } from './handover/handover-sheets.service';
import { createHandoverService } from './handover/handover.service';
import type { BenchWiring } from './host-bench-wiring';
import type { HostEmit, StationCore } from './host-core-wiring';
import type { SyncWiring } from './host-sync-wiring';
import { watchInbox } from './inbox/inbox-watch';
import { createInboxService } from './inbox/inbox.service';
import { createReturnsService } from './returns/returns.service';
import { createTrackingRepo } from './tracking/tracking.repo';
import { createTrackingService } from './tracking/tracking.service';
import { benchScanning, bulkWorkRunning } from './workers/yield-to-scans';

/**
 * What happens after the bench: damage and its claims, reships and returns, the supervisor's inbox,
 * courier handovers (交接), tracking, the dashboard, the guard and the audit view.
 */
export function wireOffice(
  core: StationCore,
  { sync, otherBench, attachmentSync }: SyncWiring,
  { shipmentsRepo, serial, pack, devices, labels }: BenchWiring,
  options: Pick<HostOptions, 'sync'>,
  emit: HostEmit,
) {
  const { db, recorder, ordersRepo, catalogRepo, syncCursor, syncMeta, settings, attachmentStore } = core;
  const claimsRepo = createClaimsRepo(db, otherBench);
  const damage = createDamageService({
    db, recorder, orders: ordersRepo, shipments: shipmentsRepo, catalog: catalogRepo, reships: core.reships, claims: claimsRepo,
    syncCursor, benchRef: sync.benchRef, otherBench,
    // A scale that was unplugged or is reconnecting says nothing: its last weight is not this item's.
    stableWeight: () => (serial.service?.scaleStatus() === 'connected' ? pack.settledWeight() : null),
  });
  const inbox = createInboxService({
    db, recorder, settings: core.settingsRepo, stationId: core.identity.id, bench: sync.benchRef, paired: () => syncMeta.pairing() !== null, syncCursor,
    hubPools: () => syncMeta.hubPools(), resolveLocalFlag: sync.resolveLocalFlag, ...(options.sync?.now ? { now: options.sync.now } : {}),
  });
  // The badge may lag a few seconds behind an import or a catch-up while a packer scans beside it.
  const inboxWatch = watchInbox(() => inbox.counts(), (counts) => emit('inbox.changed', counts), { holdWhile: () => benchScanning() && bulkWorkRunning() });

  const photos = createPhotosService({ db, store: attachmentStore });
  const readPhoto = createPhotoReader({ store: attachmentStore, thumbOf: (sha256) => photos.thumbOf(sha256), fetchMissing: (sha256) => attachmentSync.fetcher.fetch(sha256) });
  const handover = createHandoverService({
    db, recorder, benchRef: sync.benchRef, hasAttachment: (sha256) => attachmentStore.open(sha256) !== null,
    benchName: (id) => (id === core.stationId() ? (syncMeta.pairing()?.stationName ?? null) : otherBench(id)),
  });
  const services = {
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
      db, recorder, orders: ordersRepo, shipments: shipmentsRepo, catalog: catalogRepo, lookupOrder: damage.lookup, benchRef: sync.benchRef, otherBench,
    }),
    auditView: createAuditViewService({
      repo: createAuditListRepo(db), benchRef: sync.benchRef, stationNames: () => sync.meta.stationNames(), stationId: core.stationId,
      ownName: () => sync.meta.pairing()?.stationName ?? null, language: () => settings.get().language,
    }),
    inbox,
    tracking: createTrackingService({ db, recorder, repo: createTrackingRepo(db), orders: ordersRepo }),
    dashboard: createDashboardService(db, Date.now, otherBench),
    guard: createGuardService({ db, settings: () => inbox.settings() }),
  };
  return { services, inboxWatch };
}
