import { z } from 'zod';

/**
 * The ops that travel through the sync log (research/sync.md §7.6). Stations record facts and
 * intents; the hub never refuses a physical fact, it classifies it and raises a flag.
 * Each op type has a current version; older versions are upcast (see shared/domain/op-upcast.ts).
 */
const id = z.string().min(1).max(80);

export const opPayloads = {
  'order.imported': z.looseObject({
    id, platform: z.string(), externalId: z.string(), platformStatus: z.string(), lines: z.array(z.unknown()),
  }),
  'order.claimed': z.object({ orderId: id, claimId: id }),
  /** Supervisor only: the order's status goes back to open in a new generation. */
  'order.reopened': z.object({ orderId: id, reason: z.string().max(200) }),
  'scan.recorded': z.looseObject({ id, orderId: id.nullable(), code: z.string(), outcome: z.string() }),
  'shipment.created': z.looseObject({
    id, orderId: id, carrierCode: z.string(), trackingNo: z.string(), parcelNo: z.number().int(), parcelCount: z.number().int(),
    partial: z.boolean(), at: z.string(),
  }),
  'shipment.printed': z.object({ id, at: z.string() }),
  'shipment.voided': z.object({ id, reason: z.string(), at: z.string() }),
  'stock.delta': z.object({ id, skuCode: z.string(), delta: z.number().int(), reason: z.string(), ref: z.string().nullish() }),
  /**
   * A cycle count is an observation: `knownQty` is the on-hand the counting station knew (every
   * movement it had pulled plus its own not yet pulled back). The hub appends counted − known as a
   * delta, so picks the counter had not seen are never erased. Counts recorded without knownQty
   * (the first release) carry only `basis` (the station's cursor and own unconfirmed movements),
   * which the hub resolves against its log — meaningful only in the epoch it was recorded in.
   */
  'stock.counted': z.object({
    id, skuCode: z.string(), countedQty: z.number().int().min(0), knownQty: z.number().int().optional(),
    basis: z.object({ cursor: z.number().int().min(0), pendingDeltaIds: z.array(id) }),
  }),
  'sku.saved': z.looseObject({ code: z.string(), name: z.string() }),
  'barcode.bound': z.object({ barcode: z.string(), skuCode: z.string(), units: z.number().int().positive() }),
  /** Numbers a station imported itself: they become that station's lease at the hub. */
  'waybill.pooled': z.object({ carrierCode: z.string(), numbers: z.array(z.string()) }),
  'audit.recorded': z.looseObject({ id, action: z.string(), target: z.string() }),
  'damage.reported': z.object({
    id, orderId: id.nullable(), skuCode: z.string(), qty: z.number().int().positive(), description: z.string().max(2000),
    photoHashes: z.array(z.string()).default([]),
  }),
  /** Supervisor only. seenHubSeq: the log position the supervisor had seen, to detect blind conflicting decisions. */
  'damage.decided': z.object({
    id, reportId: id, decision: z.enum(['write-off', 'return-to-stock', 'reject']), note: z.string().max(500), seenHubSeq: z.number().int().min(0),
  }),
  /** Supervisor only. */
  'flag.resolved': z.object({ flagId: id, resolution: z.string().min(1).max(500) }),

  // Written by the hub itself (author "hub"):
  'waybill.leased': z.object({ leaseId: id, stationId: id, carrierCode: z.string(), numbers: z.array(z.string()) }),
  'flag.raised': z.object({
    flagId: id, kind: z.string(), orderId: id.nullable(), stationIds: z.array(z.string()), opIds: z.array(z.string()),
    detail: z.string(),
  }),
} as const;
export type OpType = keyof typeof opPayloads;
export type OpPayload<T extends OpType> = z.infer<(typeof opPayloads)[T]>;

/** The version each op type is written with today. */
export const currentOpVersion: Record<OpType, number> = {
  'order.imported': 1, 'order.claimed': 1, 'order.reopened': 1, 'scan.recorded': 1, 'shipment.created': 1,
  'shipment.printed': 1, 'shipment.voided': 1, 'stock.delta': 1, 'stock.counted': 1, 'sku.saved': 1, 'barcode.bound': 1,
  'waybill.pooled': 2, 'audit.recorded': 1, 'damage.reported': 1, 'damage.decided': 1, 'flag.resolved': 1,
  'waybill.leased': 1, 'flag.raised': 1,
};
export const isKnownOpType = (type: string): type is OpType => Object.hasOwn(opPayloads, type);

/** Ops a packer's station may not send: the hub records them as rejected (and flags it). */
export const supervisorOnlyOps: readonly OpType[] = ['order.reopened', 'damage.decided', 'flag.resolved'];
/** Ops only the hub writes. */
export const hubOnlyOps: readonly OpType[] = ['waybill.leased', 'flag.raised'];

export const flagKinds = [
  'claim.conflict', 'ship.double', 'ship.after-cancel', 'waybill.reused', 'waybill.not-leased', 'waybill.overlap',
  'stock.negative', 'stock.count-adjusted', 'damage.conflicting-decisions', 'op.rejected',
] as const;
export type FlagKind = (typeof flagKinds)[number];
