import { z } from 'zod';
import { defineOp } from './define-op';
import { required, requiredLong } from './fields';

/**
 * The rows of the exceptions inbox that are not flags (flags close with flag.resolved): a force
 * verify looked at, a deadline risk or a low pool dismissed, a print failure dealt with. Keyed by
 * the row's stable key, the same at every bench; the first resolution in the hub's order stands.
 * A phone login locked after wrong PINs (desk-locked) is closed the same way, and that unlocks it.
 */
export const inboxResolvableKinds = [
  'force-verify', 'barcode-bound', 'weight-mismatch', 'print-failed', 'deadline-risk', 'parcel-stop', 'pool-low', 'stock-negative', 'stock-low',
  'tracking-no-pickup', 'tracking-stalled', 'tracking-returned', 'tracking-problem', 'tracking-mismatch',
  'handover-missing', 'handover-intercepted',
  'waybill-fetch-failed', 'waybill-cancel-stuck',
  'desk-locked',
] as const;

export const inboxResolvedOp = defineOp({
  type: 'inbox.resolved',
  // v2 knows the e-waybill kinds: a bench on an older build keeps such a resolution parked until it upgrades.
  // v3 knows 低于安全库存 (stock-low).
  // v4 knows 手机登录已锁定 (desk-locked): closing it unlocks that name's phone login at the hub's desk.
  version: 4,
  schema: z.strictObject({
    key: required(200),
    kind: z.enum(inboxResolvableKinds),
    note: requiredLong(500),
  }),
  maxBytes: 2048,
  role: 'supervisor',
  authorisable: true,
  upcasters: { 1: (p) => p, 2: (p) => p, 3: (p) => p },
  entityOf: (p) => `inbox:${p.key}`,
});
