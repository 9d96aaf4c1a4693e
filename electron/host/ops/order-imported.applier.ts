import { hash } from 'node:crypto';
import { shipBlockReason } from '#shared/domain/order-status';
import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/**
 * The change detector a re-import compares: the same order text gives the same hash. The last one
 * is remembered: the import checks an order's hash and the applier stores it, one after the other.
 */
let last = { json: '', hash: '' };
/** The import's worker hashed the text already: the applier that follows need not hash it again. */
export function rememberContentHash(payloadJson: string, contentHash: string): void {
  last = { json: payloadJson, hash: contentHash };
}
export function orderContentHash(payloadJson: string): string {
  if (payloadJson !== last.json) last = { json: payloadJson, hash: hash('sha1', payloadJson, 'base64') };
  return last.hash;
}

export function orderImportedApplier({ orders, newerOwnWrite }: ApplierDeps): Applier<'order.imported'> {
  return {
    apply(p, m) {
      // This station's own newer import of the order stands until the hub orders both.
      if (!m.own && newerOwnWrite(`order:${p.id}`, m.hubSeq)) return;
      const contentHash = orderContentHash(m.json ?? JSON.stringify(p));
      const stored = orders.stored(p.id);
      if (stored?.content_hash === contentHash) return;
      // A file that did not say the status (null) leaves the one an earlier import gave (the repo keeps it).
      const blocked = shipBlockReason(p.platformStatus ?? stored?.platform_status ?? null, p.lines);
      // A parcel voided as 订单取消/退款 holds the order whatever the export says, until a supervisor releases it.
      const blockedReason = blocked?.message ?? orders.holdOf(p.id);
      orders.write(p, { id: p.id, shipDeadline: p.shipDeadline, blockedReason, contentHash, at: m.own ? new Date().toISOString() : m.at }, stored !== undefined);
    },
  };
}
