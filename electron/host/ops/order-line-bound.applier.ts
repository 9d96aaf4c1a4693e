import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/**
 * The line becomes the SKU. Waits for the order and the SKU when they are not here yet. Pulled
 * bindings apply in the hub's order (the last one stands everywhere), except where this bench
 * bound the line again since.
 */
export function orderLineBoundApplier({ orders, catalog, newerOwnWrite }: ApplierDeps): Applier<'order.line-bound'> {
  return {
    apply(p, m) {
      if (orders.lineSku(p.orderId, p.lineNo) === undefined) return `order:${p.orderId}`;
      if (!catalog.exists(p.skuCode)) return `sku:${p.skuCode}`;
      if (!m.own && newerOwnWrite(`order-line:${p.orderId}#${p.lineNo}`, m.hubSeq)) return;
      orders.bindLine(p.orderId, p.lineNo, p.skuCode);
    },
  };
}
