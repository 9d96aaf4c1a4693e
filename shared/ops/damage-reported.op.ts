import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, grams, int, longText, orderId, sha256Hex, skuCode } from './fields';

/** 破损, 漏液/污染, 缺件, 错发, 外包装破损, 其他. */
export const damageReasons = ['broken', 'leaking', 'missing-parts', 'wrong-item', 'outer-box', 'other'] as const;
/**
 * Where the damage was found: at the bench while packing, on the shelf, reported by the buyer after
 * delivery, or in a returned parcel. It decides what a decision does to stock: a unit found at the
 * bench or on the shelf is still counted on the shelf; one returned defective is already in the
 * damaged bucket; one delivered is gone.
 */
export const damageSources = ['bench', 'shelf', 'delivered', 'return'] as const;

/** A damage report is evidence: written once, never changed; corrections are new reports. */
export const damageReportedOp = defineOp({
  type: 'damage.reported',
  version: 2,
  schema: z
    .strictObject({
      id: entityId,
      orderId: orderId.nullable(),
      /** The parcel it concerns, when the order had one (damage after delivery, a return). */
      shipmentId: entityId.nullable(),
      skuCode,
      qty: int(1, 100_000),
      reason: z.enum(damageReasons),
      source: z.enum(damageSources),
      note: longText(2000),
      /** What the scale read when it was filed, when a scale is attached. */
      weightG: grams.nullable(),
      photoHashes: z.array(sha256Hex).max(20),
      /** The return it was found in (source 'return'). */
      returnId: entityId.nullable(),
    })
    .refine((r) => r.reason !== 'other' || r.note.trim() !== '', { message: 'opProblem.empty', path: ['note'] }),
  maxBytes: 8192,
  role: 'packer',
  authorisable: false,
  messages: { changed: 'opRefusal.reportImmutable' },
  upcasters: {
    // v1: free text only, found at the bench (with an order) or on the shelf.
    1: (p) => ({
      id: p['id'], orderId: p['orderId'] ?? null, shipmentId: null, skuCode: p['skuCode'], qty: p['qty'], reason: 'other',
      source: p['orderId'] ? 'bench' : 'shelf', note: p['description'], weightG: null, photoHashes: p['photoHashes'] ?? [], returnId: null,
    }),
  },
});
