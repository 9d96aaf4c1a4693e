import { auditContract } from './audit.contract';
import { benchContract } from './bench.contract';
import { carriersContract } from './carriers.contract';
import { catalogContract } from './catalog.contract';
import { claimsContract } from './claims.contract';
import { damageContract } from './damage.contract';
import { dashboardContract } from './dashboard.contract';
import { devicesContract } from './devices.contract';
import { guardContract } from './guard.contract';
import { handoverContract } from './handover.contract';
import { inboxContract } from './inbox.contract';
import { labelsContract } from './labels.contract';
import { mediaContract } from './media.contract';
import { ordersContract } from './orders.contract';
import { photosContract } from './photos.contract';
import { printQueueContract } from './print-queue.contract';
import { returnsContract } from './returns.contract';
import { sessionContract } from './session.contract';
import { settingsContract } from './settings.contract';
import { shipmentsContract } from './shipments.contract';
import { serialContract } from './serial.contract';
import { syncContract } from './sync.contract';
import { trackingContract } from './tracking.contract';
import { waybillsContract } from './waybills.contract';

/** Every renderer ↔ host procedure, declared once. */
export const contract = {
  ...auditContract,
  ...benchContract,
  ...carriersContract,
  ...catalogContract,
  ...claimsContract,
  ...damageContract,
  ...dashboardContract,
  ...devicesContract,
  ...guardContract,
  ...handoverContract,
  ...inboxContract,
  ...labelsContract,
  ...mediaContract,
  ...ordersContract,
  ...photosContract,
  ...printQueueContract,
  ...returnsContract,
  ...sessionContract,
  ...settingsContract,
  ...shipmentsContract,
  ...serialContract,
  ...syncContract,
  ...trackingContract,
  ...waybillsContract,
} as const;
export type Contract = typeof contract;
export { events, type Events } from './events.contract';
