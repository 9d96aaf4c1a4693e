import type { ApplierDeps } from './applier-deps';
import type { Appliers } from './applier';
import { auditRecordedApplier } from './audit-recorded.applier';
import { barcodeBoundApplier } from './barcode-bound.applier';
import { benchExceptionApplier } from './bench-exception.applier';
import { carrierRulesSavedApplier } from './carrier-rules-saved.applier';
import { claimSettledApplier } from './claim-settled.applier';
import { damageDecidedApplier } from './damage-decided.applier';
import { damageReportedApplier } from './damage-reported.applier';
import { flagRaisedApplier } from './flag-raised.applier';
import { flagResolvedApplier } from './flag-resolved.applier';
import { handoverAbandonedApplier } from './handover-abandoned.applier';
import { handoverClosedApplier } from './handover-closed.applier';
import { handoverOpenedApplier } from './handover-opened.applier';
import { handoverScannedApplier } from './handover-scanned.applier';
import { inboxResolvedApplier } from './inbox-resolved.applier';
import { inboxSettingsSavedApplier } from './inbox-settings-saved.applier';
import { noEffect } from './no-effect.applier';
import { orderClaimedApplier } from './order-claimed.applier';
import { orderImportedApplier } from './order-imported.applier';
import { orderLineBoundApplier } from './order-line-bound.applier';
import { orderReleasedApplier } from './order-released.applier';
import { returnReceivedApplier } from './return-received.applier';
import { scanRecordedApplier } from './scan-recorded.applier';
import { shipmentCreatedApplier } from './shipment-created.applier';
import { shipmentPrintedApplier } from './shipment-printed.applier';
import { shipmentExportedApplier } from './shipment-exported.applier';
import { shipmentVoidedApplier } from './shipment-voided.applier';
import { skuSavedApplier } from './sku-saved.applier';
import { stockCountedApplier } from './stock-counted.applier';
import { stockDeltaApplier } from './stock-delta.applier';
import { trackingUpdatedApplier } from './tracking-updated.applier';
import { userSavedApplier } from './user-saved.applier';
import { waybillCancelRequestedApplier } from './waybill-cancel-requested.applier';
import { waybillCancelledApplier } from './waybill-cancelled.applier';
import { waybillIssuedApplier } from './waybill-issued.applier';
import { waybillLeasedApplier } from './waybill-leased.applier';
import { waybillPooledApplier } from './waybill-pooled.applier';
import { waybillPrintedApplier } from './waybill-printed.applier';
import { waybillRetiredApplier } from './waybill-retired.applier';

/** One applier per op type; the map is exhaustive, so an op without one does not compile. */
export function createAppliers(deps: ApplierDeps): Appliers {
  return {
    'order.imported': orderImportedApplier(deps),
    'order.claimed': orderClaimedApplier(deps),
    'order.reopened': noEffect(),
    'order.released': orderReleasedApplier(deps),
    'scan.recorded': scanRecordedApplier(deps),
    'shipment.created': shipmentCreatedApplier(deps),
    'shipment.printed': shipmentPrintedApplier(deps),
    'shipment.exported': shipmentExportedApplier(deps),
    'shipment.voided': shipmentVoidedApplier(deps),
    'stock.delta': stockDeltaApplier(deps),
    'stock.counted': stockCountedApplier(deps),
    'sku.saved': skuSavedApplier(deps),
    'barcode.bound': barcodeBoundApplier(deps),
    'order.line-bound': orderLineBoundApplier(deps),
    'waybill.pooled': waybillPooledApplier(deps),
    'waybill.leased': waybillLeasedApplier(deps),
    'waybill.retired': waybillRetiredApplier(deps),
    'audit.recorded': auditRecordedApplier(deps),
    'damage.reported': damageReportedApplier(deps),
    'damage.decided': damageDecidedApplier(deps),
    'flag.raised': flagRaisedApplier(deps),
    'flag.resolved': flagResolvedApplier(deps),
    'user.saved': userSavedApplier(deps),
    'carrier.rules-saved': carrierRulesSavedApplier(deps),
    'claim.settled': claimSettledApplier(deps),
    'return.received': returnReceivedApplier(deps),
    'bench.exception': benchExceptionApplier(deps),
    'inbox.resolved': inboxResolvedApplier(deps),
    'inbox.settings-saved': inboxSettingsSavedApplier(deps),
    'tracking.updated': trackingUpdatedApplier(deps),
    'handover.opened': handoverOpenedApplier(deps),
    'handover.scanned': handoverScannedApplier(deps),
    'handover.closed': handoverClosedApplier(deps),
    'handover.abandoned': handoverAbandonedApplier(deps),
    'waybill.issued': waybillIssuedApplier(deps),
    'waybill.cancel-requested': waybillCancelRequestedApplier(deps),
    'waybill.cancelled': waybillCancelledApplier(deps),
    'waybill.printed': waybillPrintedApplier(deps),
  };
}
