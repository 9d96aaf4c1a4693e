import type { StationOpType } from '#shared/ops/index';
import { auditRecorded } from './audit-recorded.rule';
import { barcodeBound } from './barcode-bound.rule';
import { carrierRulesSaved } from './carrier-rules-saved.rule';
import { claimSettled } from './claim-settled.rule';
import { damageDecided } from './damage-decided.rule';
import { damageReported } from './damage-reported.rule';
import { flagResolved } from './flag-resolved.rule';
import { handoverAbandoned } from './handover-abandoned.rule';
import { handoverClosed } from './handover-closed.rule';
import { inboxSettingsSaved } from './inbox-settings-saved.rule';
import { orderClaimed } from './order-claimed.rule';
import { orderImported } from './order-imported.rule';
import { orderReopened } from './order-reopened.rule';
import { returnReceived } from './return-received.rule';
import type { Rule } from './rule-context';
import { scanRecorded } from './scan-recorded.rule';
import { shipmentCreated } from './shipment-created.rule';
import { shipmentPrinted } from './shipment-printed.rule';
import { shipmentVoided } from './shipment-voided.rule';
import { skuSaved } from './sku-saved.rule';
import { stockCounted } from './stock-counted.rule';
import { stockDelta } from './stock-delta.rule';
import { userSaved } from './user-saved.rule';
import { waybillCancelRequested } from './waybill-cancel-requested.rule';
import { waybillPooled } from './waybill-pooled.rule';

const keep = async () => undefined;

/**
 * One rule per op a station may send (research/sync.md §7.6), evaluated in hub_seq order after
 * the op passed its module's schema and role checks. Ops only the hub writes have none. The map
 * is exhaustive: an op type without a rule does not compile.
 */
export const rules: { [T in StationOpType]: Rule<T> } = {
  'order.imported': orderImported,
  'order.claimed': orderClaimed,
  'order.reopened': orderReopened,
  'scan.recorded': scanRecorded,
  'shipment.created': shipmentCreated,
  'shipment.printed': shipmentPrinted,
  'shipment.voided': shipmentVoided,
  'stock.delta': stockDelta,
  'stock.counted': stockCounted,
  'waybill.pooled': waybillPooled,
  'damage.reported': damageReported,
  'damage.decided': damageDecided,
  'flag.resolved': flagResolved,
  'user.saved': userSaved,
  'audit.recorded': auditRecorded,
  'carrier.rules-saved': carrierRulesSaved,
  'claim.settled': claimSettled,
  'return.received': returnReceived,
  // Saved whole at one bench: the last the hub orders stands, and an unseen overwrite is flagged.
  'sku.saved': skuSaved,
  'barcode.bound': barcodeBound,
  'inbox.settings-saved': inboxSettingsSaved,
  // Kept in the log for every station; the hub has nothing to decide about them.
  'order.line-bound': keep,
  // A release only lifts a hold every station derives from the voids it names.
  'order.released': keep,
  // A bench's exception and the inbox's resolutions: every station applies them in the hub's order.
  'bench.exception': keep,
  'inbox.resolved': keep,
  // Tracking from a supervisor's imported file: facts about parcels, applied by every station.
  'tracking.updated': keep,
  // A handover opened and its scans: facts every station lists; the close is where a parcel could go twice.
  'handover.opened': keep,
  'handover.scanned': keep,
  'handover.closed': handoverClosed,
  // Abandoned (作废): every bench applies it; a close, at any bench and in either order, outweighs it (the
  // applier), and the hub flags the pair.
  'handover.abandoned': handoverAbandoned,
  // Numbers a station fetched with its own provider account, and its cancels: facts every bench applies.
  'waybill.issued': keep,
  'waybill.cancelled': keep,
  'waybill.printed': keep,
  // Parcels a 批量发货 file answered for: every bench stamps them, so none uploads them again.
  'shipment.exported': keep,
  // Queues the cancel at the provider when the hub fetched the number; kept for every bench either way.
  'waybill.cancel-requested': waybillCancelRequested,
};
