import { z } from 'zod';
import { messageSchema } from '../i18n/message';
import { defineOp } from './define-op';
import { entityId, orderId } from './fields';

export const flagKinds = [
  'claim.conflict', 'ship.double', 'ship.after-cancel', 'waybill.reused', 'waybill.not-leased', 'waybill.overlap',
  'stock.negative', 'stock.count-adjusted', 'damage.conflicting-decisions', 'op.rejected', 'user.badge-clash',
  'rules.concurrent-edit', 'sync.entry-unapplied',
  // The inbox thresholds, or one SKU, saved at a bench that had not seen another bench's save of them.
  'settings.concurrent-edit', 'sku.concurrent-edit', 'user.concurrent-edit',
  // A parcel in two courier handovers, or one handover closed twice (issue 10).
  'handover.double',
  // One handover closed at one bench and abandoned (作废) at another, each out of touch: the close stands.
  'handover.closed-abandoned',
  // Raised by a bench for itself only (a local flag, never sent): the hub neither writes nor reads it.
  'weight.mismatch',
] as const;
export type FlagKind = (typeof flagKinds)[number];

/** A conflict for a supervisor, written by the hub (or, for an entry a bench cannot apply, by that bench alone). */
export const flagRaisedOp = defineOp({
  type: 'flag.raised',
  version: 2,
  schema: z.strictObject({
    flagId: entityId, kind: z.enum(flagKinds), orderId: orderId.nullable(), stationIds: z.array(entityId).max(20),
    opIds: z.array(entityId).max(20), message: messageSchema,
  }),
  maxBytes: 8192,
  role: 'hub',
  authorisable: false,
  upcasters: {
    // v1 carried its text as prose ("中文 / English"); it is shown as it was.
    1: ({ detail, ...rest }) => ({ ...rest, message: { key: 'legacy.text', params: { text: typeof detail === 'string' ? detail.slice(0, 2000) : '' } } }),
  },
  orderOf: (p) => p.orderId,
});
