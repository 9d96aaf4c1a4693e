import type { contract } from '#shared/contract/index';
import type { Handlers } from '#shared/rpc/define';
import { auditHandlers } from './audit/audit.handlers';
import { carriersHandlers } from './carriers/carriers.handlers';
import { catalogHandlers } from './catalog/catalog.handlers';
import { claimsHandlers } from './claims/claims.handlers';
import { damageHandlers } from './damage/damage.handlers';
import { dashboardHandlers } from './dashboard/dashboard.handlers';
import { devicesHandlers } from './devices/devices.handlers';
import { guardHandlers } from './guard/guard.handlers';
import { handoverHandlers } from './handover/handover.handlers';
import type { HostContext } from './host-context';
import { inboxHandlers } from './inbox/inbox.handlers';
import { labelsHandlers } from './labels/labels.handlers';
import { printQueueHandlers } from './labels/print-queue.handlers';
import { ordersHandlers } from './orders/orders.handlers';
import { packHandlers } from './pack/pack.handlers';
import { mediaHandlers } from './pack-video/media.handlers';
import { photosHandlers } from './attachments/photos.handlers';
import { returnsHandlers } from './returns/returns.handlers';
import { serialHandlers } from './serial/serial.handlers';
import { sessionHandlers } from './session/session.handlers';
import { settingsHandlers } from './settings/settings.handlers';
import { shipmentsHandlers } from './shipments/shipments.handlers';
import { syncHandlers } from './sync/sync.handlers';
import { trackingHandlers } from './tracking/tracking.handlers';
import { waybillsHandlers } from './waybills/waybills.handlers';

/** Every procedure of the contract, answered from the host's context. */
export const handlers: Handlers<typeof contract, HostContext> = {
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
