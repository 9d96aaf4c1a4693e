import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** A supervisor's 恢复发货: the voids it names hold the order no more (a later cancel void holds it again). */
export function orderReleasedApplier({ db, orders }: ApplierDeps): Applier<'order.released'> {
  const q = {
    release: db.prepare('UPDATE shipments SET hold_released_at = @at WHERE id = @id AND order_id = @orderId AND hold_released_at IS NULL'),
    exists: db.prepare('SELECT 1 FROM shipments WHERE id = ?').pluck(),
  };
  return {
    apply(p, m) {
      // A release can come before a parcel it names (the hub restored): it waits for it.
      const missing = m.own ? undefined : p.shipmentIds.find((id) => q.exists.get(id) === undefined);
      if (missing !== undefined) return `shipment:${missing}`;
      for (const id of p.shipmentIds) q.release.run({ id, orderId: p.orderId, at: p.at });
      orders.refreshHold(p.orderId);
    },
  };
}
