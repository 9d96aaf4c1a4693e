import type { ImportReport } from '#shared/contract/orders.contract';
import type { AuditViewService } from './audit/audit-view.service';
import type { AuditRepo } from './session/audit.repo';
import type { Db } from './db/open-database';
import type { ImportFile } from './orders/import/detect-format';
import type { OpRecorder } from './ops/op-recorder';
import type { CarriersService } from './carriers/carriers.service';
import type { CatalogRepo } from './catalog/catalog.repo';
import type { CatalogService } from './catalog/catalog.service';
import type { DevicesService } from './devices/devices.service';
import type { SerialDevicesService } from './serial/serial-devices.service';
import type { LabelsService } from './labels/labels.service';
import type { PrintQueue } from './labels/print-queue.service';
import type { SlipsService } from './slips/slips.service';
import type { OrdersRepo } from './orders/orders.repo';
import type { OrdersService } from './orders/orders.service';
import type { PackService } from './pack/pack.service';
import type { SessionService } from './session/session.service';
import type { SettingsService } from './settings/settings.service';
import type { ShipmentsRepo } from './shipments/shipments.repo';
import type { ShipmentsService } from './shipments/shipments.service';
import type { SystemService } from './system/system.service';
import type { Sync } from './sync/create-sync';
import type { DamageService } from './damage/damage.service';
import type { ClaimsService } from './claims/claims.service';
import type { EvidenceService } from './damage/evidence.service';
import type { HandoverSheets } from './handover/handover-sheets.service';
import type { HandoverService } from './handover/handover.service';
import type { MediaService } from './pack-video/media.service';
import type { InboxService } from './inbox/inbox.service';
import type { DashboardService } from './dashboard/dashboard.service';
import type { GuardService } from './guard/guard.service';
import type { AttachmentSync } from './attachments/attachment-sync';
import type { PhotoReader } from './attachments/photo-read';
import type { PhotosService } from './attachments/photos.service';
import type { ReturnsService } from './returns/returns.service';
import type { TrackingService } from './tracking/tracking.service';
import type { WaybillsService } from './waybills/waybills.service';

/** Everything a handler may call: the services, wired once in create-host. */
export type HostContext = {
  db: Db;
  /** The one way to record an op (schema, role, applier, outbox). */
  recorder: OpRecorder;
  /** Who did a permission-gated action, inside that action's transaction. */
  audit: AuditRepo;
  session: SessionService;
  settings: SettingsService;
  orders: OrdersService;
  ordersRepo: OrdersRepo;
  catalog: CatalogService;
  catalogRepo: CatalogRepo;
  carriers: CarriersService;
  shipments: ShipmentsService;
  shipmentsRepo: ShipmentsRepo;
  pack: PackService;
  labels: LabelsService;
  /** The label queue: waybills waiting, failed, or waiting for the packer's say. */
  printQueue: PrintQueue;
  devices: DevicesService;
  /** Serial scanners and scale; null when the host runs without them (options.serial false). */
  serial: SerialDevicesService | null;
  slips: SlipsService;
  system: SystemService;
  sync: Sync;
  damage: DamageService;
  /** Carrier claims (理赔) filed by damage decisions, settled when the carrier answers. */
  claims: ClaimsService;
  /** The evidence pack (PDF) of a damage report, for the carrier. */
  evidence: EvidenceService;
  /** Pack videos and SKU pictures in the attachment store. */
  media: MediaService;
  /** Attachments and the hub: uploads owed, on-demand fetches, the disk budget. */
  attachmentSync: AttachmentSync;
  /** Damage and return photos with their thumbnails. */
  photos: PhotosService;
  /** A photo's bytes over the RPC (the desktop window has no file route). */
  readPhoto: PhotoReader;
  /** Courier handovers (交接): scanned parcels to the courier, with the courier's signature. */
  handover: HandoverService;
  /** The 交接单: a PDF and label pages. */
  handoverSheets: HandoverSheets;
  /** 退货入库: returned parcels received item by item. */
  returns: ReturnsService;
  /** The audit view: gated actions and authorised ops from every bench. */
  auditView: AuditViewService;
  /** The exceptions inbox: what needs a human, from every bench. */
  inbox: InboxService;
  /** Tracking at the bench: a file imported offline, a parcel's state and trace. */
  tracking: TrackingService;
  waybills: WaybillsService;
  /** The supervisor's figures (charts), shop-wide when paired. */
  dashboard: DashboardService;
  /** The late-shipping guard: what is due, late, and must leave with the next courier pickup. */
  guard: GuardService;
  /** Imports orders with progress events, then refreshes the bench (a cancelled order blocks at once). */
  importOrders: (files: ImportFile[], mappingName: string | undefined) => Promise<ImportReport>;
  loadSamples: () => ReturnType<SystemService['loadSamples']>;
};
