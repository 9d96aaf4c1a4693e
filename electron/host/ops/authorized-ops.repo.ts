import type { UserRole } from '#shared/contract/common';
import type { LogEntry } from '#shared/contract/hub.contract';
import { ops, roleSuffices, type OpPayload, type OpType, type Producer } from '#shared/ops/index';
import type { Db } from '../db/open-database';

/**
 * Whether an op of `type`, needing `need`, rests on the authority of a user of `role`: only an
 * authorisable op a packer could not send alone, and only a user whose role suffices. The recorder
 * names the authoriser by this rule, and a pulled op counts as authorised only by the same rule
 * (the hub checks an authoriser only where the station's role falls short; a claim it did not need
 * is not shown as anyone's authority).
 */
export const restsOnAuthority = (type: OpType, need: Producer, role: UserRole | null): boolean =>
  ops[type].authorisable && need !== 'packer' && role !== null && roleSuffices(role, need);

const orderRef = (orderId: string) => orderId.slice(orderId.indexOf(':') + 1);

type TrackingNo = (shipmentId: string) => string | undefined;
/** What an authorised op touched, as a person finds it (an order number, a tracking number, a SKU). */
const targets: { [T in OpType]?: (p: OpPayload<T>, trackingNo: TrackingNo) => string } = {
  'order.imported': (p) => p.externalId,
  'order.reopened': (p) => orderRef(p.orderId),
  'order.released': (p) => orderRef(p.orderId),
  // The handover's id: the audit view shows its number (carrier and day), read from the handover.
  'handover.abandoned': (p) => p.handoverId,
  'shipment.created': (p) => p.trackingNo,
  'shipment.voided': (p, trackingNo) => trackingNo(p.id) ?? p.id,
  'stock.delta': (p) => p.skuCode,
  'stock.counted': (p) => p.skuCode,
  'sku.saved': (p) => p.code,
  'barcode.bound': (p) => p.barcode,
  'order.line-bound': (p) => `${orderRef(p.orderId)} #${p.lineNo} → ${p.skuCode}`,
  'waybill.pooled': (p) => `${p.carrierCode} ×${p.numbers.length}`,
  'damage.decided': (p) => p.reportId,
  'claim.settled': (p) => p.claimId,
  'flag.resolved': (p) => p.flagId,
  'inbox.resolved': (p) => p.key,
  'user.saved': (p) => p.name,
  // A return taken in on a supervisor's word: the order it came back for (an unknown return's number as scanned).
  'return.received': (p) => (p.orderId ? orderRef(p.orderId) : (p.trackingNo ?? '')),
};
type UserBefore = { name: string; role: UserRole; active: number; pinHash: string | null; badgeHash: string | null } | undefined;
/**
 * What a user's save changed, as the bench knew the user before it: never a PIN or a badge (nor
 * their hashes), only that one was set.
 */
function userChanges(p: OpPayload<'user.saved'>, before: UserBefore): Record<string, unknown> {
  const set = (now: string | null, was: string | null | undefined) => now !== null && now !== was;
  if (!before) return { created: true, role: p.role, pin: p.pinHash !== null, badge: p.badgeHash !== null };
  return {
    ...(p.name !== before.name && { name: [before.name, p.name] }),
    ...(p.role !== before.role && { role: [before.role, p.role] }),
    ...(p.active !== (before.active === 1) && { active: p.active }),
    ...(set(p.pinHash, before.pinHash) && { pin: true }),
    ...(set(p.badgeHash, before.badgeHash) && { badge: true }),
  };
}

/** What the audit line says beyond the target, kept because a pulled op's payload is kept nowhere else. */
const details: { [T in OpType]?: (p: OpPayload<T>, before: unknown) => Record<string, unknown> } = {
  'stock.counted': (p) => ({ countedQty: p.countedQty, knownQty: p.knownQty }),
  'stock.delta': (p) => ({ bucket: p.bucket, delta: p.delta, cause: p.cause, kind: p.kind, note: p.note }),
  // A row's note: only the first resolution in hub order is kept where the row was (a later one's words would be lost).
  'flag.resolved': (p) => ({ note: p.resolution }),
  'inbox.resolved': (p) => ({ note: p.note }),
  // Why the supervisor let the held order ship after all.
  'order.released': (p) => ({ note: p.reason }),
  // Why, in the reason's key (read in the reader's language), the shop's words, and the parcels it put back.
  'handover.abandoned': (p) => ({ reason: p.reason, note: p.note, parcels: p.parcels }),
  // What came in, per SKU (good and defective units; missing ones are only noted), and how many were defective.
  'return.received': (p) => {
    const taken = new Map<string, number>();
    for (const i of p.items) if (i.condition !== 'missing') taken.set(i.skuCode, (taken.get(i.skuCode) ?? 0) + i.qty);
    return { taken: [...taken], defective: p.items.filter((i) => i.condition === 'defective').reduce((n, i) => n + i.qty, 0) };
  },
  'user.saved': (p, before) => userChanges(p, before as UserBefore),
};
const detailOf = <T extends OpType>(type: T, payload: OpPayload<T>, before: unknown): string | null => {
  const detail = (details[type] as ((p: OpPayload<T>, b: unknown) => Record<string, unknown>) | undefined)?.(payload, before);
  return detail === undefined ? null : JSON.stringify(detail);
};
const targetOf = <T extends OpType>(type: T, payload: OpPayload<T>, trackingNo: TrackingNo): string =>
  (targets[type] as ((p: OpPayload<T>, t: TrackingNo) => string) | undefined)?.(payload, trackingNo) ?? '';

/**
 * Every op that rests on a supervisor's or admin's authority, this bench's own (when recorded) and
 * every other bench's (when pulled): the audit view lists them. The one writer of authorized_ops.
 */
export function createAuthorizedOpsRepo(db: Db) {
  const q = {
    insert: db.prepare(`INSERT INTO authorized_ops (op_id, type, station_id, authorized_by, user_id, target, detail, at, hub_seq)
      VALUES (@opId, @type, @stationId, @authorizedBy, @userId, @target, @detail, @at, @hubSeq)
      ON CONFLICT (op_id) DO UPDATE SET hub_seq = excluded.hub_seq`),
    ordered: db.prepare('UPDATE authorized_ops SET hub_seq = ? WHERE op_id = ?'),
    trackingNo: db.prepare('SELECT tracking_no FROM shipments WHERE id = ?').pluck(),
    role: db.prepare('SELECT role FROM users WHERE id = ?').pluck(),
    user: db.prepare('SELECT name, role, active, pin_hash AS pinHash, badge_hash AS badgeHash FROM users WHERE id = ?'),
  };
  // The state an op's detail compares with (what a user's save changed), read before its applier runs.
  const priors: { [T in OpType]?: (p: OpPayload<T>) => unknown } = { 'user.saved': (p) => q.user.get(p.id) };
  const trackingNo = (id: string) => q.trackingNo.get(id) as string | undefined;
  return {
    /** What the op's detail needs of the state before it: call before its applier runs, pass to recorded or pulled. */
    before: <T extends OpType>(type: T, payload: OpPayload<T>): unknown => (priors[type] as ((p: OpPayload<T>) => unknown) | undefined)?.(payload),
    /** This bench's own op, inside the transaction that records it (after its applier ran). */
    recorded<T extends OpType>(
      op: { opId: string; type: T; payload: OpPayload<T>; stationId: string; authorizedBy: string; userId: string | null; at: string },
      before?: unknown,
    ): void {
      q.insert.run({ ...op, target: targetOf(op.type, op.payload, trackingNo), detail: detailOf(op.type, op.payload, before), hubSeq: null });
    },
    /** Another bench's op pulled from the hub, once it took effect here: kept when its authoriser holds the authority it needs. */
    pulled<T extends OpType>(e: LogEntry & { authorizedBy: string }, type: T, payload: OpPayload<T>, need: Producer, before?: unknown): void {
      if (!restsOnAuthority(type, need, (q.role.get(e.authorizedBy) as UserRole | undefined) ?? null)) return;
      q.insert.run({
        opId: e.opId, type, stationId: e.stationId, authorizedBy: e.authorizedBy, userId: e.userId, target: targetOf(type, payload, trackingNo), detail: detailOf(type, payload, before), at: e.createdAt, hubSeq: e.hubSeq,
      });
    },
    /** An op listed here got its place in the hub's order (this bench's own coming back, or any after a hub restore). */
    ordered: (opId: string, hubSeq: number) => void q.ordered.run(hubSeq, opId),
  };
}
export type AuthorizedOpsRepo = ReturnType<typeof createAuthorizedOpsRepo>;
