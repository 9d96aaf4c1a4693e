import type { OpType } from '#shared/contract/sync-ops.contract';
import { damageDecided, damageReported, flagResolved } from './damage.rule';
import { orderClaimed, orderImported, orderReopened, scanRecorded } from './orders.rule';
import type { Rule } from './rule-context';
import { shipmentCreated, shipmentPrinted, shipmentVoided } from './shipments.rule';
import { stockCounted, stockDelta } from './stock.rule';
import { waybillPooled } from './waybills.rule';

const keep: Rule<OpType> = async () => undefined;

/**
 * One rule per op a station may send (research/sync.md §7.6), evaluated in hub_seq order.
 * Ops only the hub writes (waybill.leased, flag.raised) have none: a station sending one is refused.
 */
export const rules: { [T in OpType]?: Rule<T> } = {
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
  // Kept in the log for every station; the hub has nothing to decide about them.
  'sku.saved': keep,
  'barcode.bound': keep,
  'audit.recorded': keep,
};
