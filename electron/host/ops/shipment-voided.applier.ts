import { voidHolds } from '#shared/domain/void-hold';
import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/**
 * A void retires the parcel's number for good and lets the order ship again once no parcel is live,
 * unless its reason's code is 订单取消/退款 (cancelled): then the order is held (禁止发货) until a
 * supervisor's order.released, derived here from the synced code so every station holds it alike
 * (a v1 void's code is read from its words by the op's upcaster).
 */
export function shipmentVoidedApplier({ db, orders, pool }: ApplierDeps): Applier<'shipment.voided'> {
  const q = {
    voided: db.prepare('UPDATE shipments SET voided_at = @at, void_reason = @reason, void_holds = @holds WHERE id = @id AND voided_at IS NULL RETURNING order_id, tracking_no'),
    exists: db.prepare('SELECT 1 FROM shipments WHERE id = ?').pluck(),
  };
  return {
    apply(p, m) {
      // A void can come before its parcel (voided at another station, the hub restored): it waits.
      if (!m.own && q.exists.get(p.id) === undefined) return `shipment:${p.id}`;
      const row = q.voided.get({ id: p.id, at: p.at, reason: p.reason, holds: voidHolds(p.reasonCode) ? 1 : 0 }) as { order_id: string; tracking_no: string } | undefined;
      if (!row) return;
      pool.retire(row.tracking_no);
      orders.refreshPackState(row.order_id, p.at);
      orders.refreshHold(row.order_id);
    },
  };
}
