import { z } from 'zod';
import { damageReasons } from './damage-reported.op';
import { defineOp } from './define-op';
import { entityId, int, longText, orderId, PROBLEM, sha256Hex, skuCode, text } from './fields';

/** What came back of each item: back on the shelf, kept apart as damaged, or not in the parcel at all. */
export const returnConditions = ['good', 'defective', 'missing'] as const;
export type ReturnCondition = (typeof returnConditions)[number];

/** The most lines one return lists (a parcel of a big order, or a sack of unknown returns). */
export const RETURN_ITEMS_MAX = 200;

const item = z
  .strictObject({
    skuCode,
    qty: int(1, 100_000),
    condition: z.enum(returnConditions),
    /** Why a defective unit is defective (a damage reason); null for good and missing units. */
    reason: z.enum(damageReasons).nullable(),
  })
  .refine((i) => (i.condition === 'defective') === (i.reason !== null), { message: 'opProblem.returnReason', path: ['reason'] });

const schema = z
  .strictObject({
    id: entityId,
    orderId: orderId.nullable(),
    shipmentId: entityId.nullable(),
    /** The number on the returned parcel as scanned (the original waybill, or the buyer's return waybill). */
    trackingNo: text(80).refine((s) => s.trim() === s && s !== '', PROBLEM.format).nullable(),
    items: z.array(item).max(RETURN_ITEMS_MAX),
    photoHashes: z.array(sha256Hex).max(20),
    note: longText(2000),
    /**
     * Taken in although the order does not account for it (received before, more than shipped, not
     * shipped yet): a supervisor's confirmation, so it rests on their authority and the audit lists it.
     */
    confirmed: z.boolean(),
  })
  // A return of a known order says what came back; an unknown one may be only photos and a note.
  .refine((r) => r.orderId === null || r.items.length > 0, { message: 'opProblem.empty', path: ['items'] })
  .refine((r) => r.shipmentId === null || r.orderId !== null, { message: 'opProblem.returnParcel', path: ['shipmentId'] });

/**
 * A returned parcel received at a bench (退货入库): what came back, item by item, linked to the order
 * and parcel it belongs to, or kept as an unknown return (no order: the number scanned, photos, a
 * note). Evidence, like a damage report: written once, never changed. Its stock movements and the
 * damage reports of defective units are their own ops, recorded with it, naming its id.
 */
export const returnReceivedOp = defineOp({
  type: 'return.received',
  version: 2,
  schema,
  maxBytes: 48 * 1024,
  // Units the order does not account for come in on a supervisor's word (a packer's bench names them).
  role: (r: z.output<typeof schema>) => (r.confirmed ? 'supervisor' : 'packer'),
  authorisable: true,
  messages: { changed: 'opRefusal.returnImmutable' },
  upcasters: {
    // v1 did not say whether a supervisor confirmed it; no v1 return rested on anyone's authority.
    1: (p) => ({ ...p, confirmed: false }),
  },
});
