import type { OpType } from '../ops/index';

/**
 * What a supervisor filters the audit view by: each kind is some permission-gated actions (the
 * audit log's action names) and some op types that rest on a supervisor's or admin's authority.
 * An action or op in no kind still shows under "all kinds".
 */
export const auditKinds = {
  forceVerify: { actions: ['bench.forceVerify'], ops: [] },
  bind: { actions: ['catalog.bindBarcode', 'bench.bindLine'], ops: ['barcode.bound', 'order.line-bound'] },
  partial: { actions: ['ship.partial'], ops: [] },
  ship: { actions: ['ship'], ops: ['shipment.created'] },
  weight: { actions: ['bench.acceptWeight'], ops: [] },
  void: { actions: ['shipment.void'], ops: ['shipment.voided', 'handover.abandoned'] },
  reprint: { actions: ['label.reprint'], ops: [] },
  settings: { actions: ['settings.update', 'devices.update'], ops: ['inbox.settings-saved'] },
  damage: { actions: [], ops: ['damage.decided', 'claim.settled'] },
  stock: { actions: [], ops: ['stock.delta', 'stock.counted'] },
  catalog: { actions: [], ops: ['sku.saved'] },
  orders: { actions: [], ops: ['order.imported', 'order.reopened', 'order.released'] },
  waybills: { actions: ['waybills.keys'], ops: ['waybill.pooled', 'carrier.rules-saved', 'waybill.issued'] },
  // A tracking file a supervisor imported (the hub's own tracking is nobody's authority).
  tracking: { actions: [], ops: ['tracking.updated'] },
  // Conflicts and the inbox's other rows, closed with a note.
  flags: { actions: [], ops: ['flag.resolved', 'inbox.resolved'] },
  users: { actions: ['session.pinLockout', 'session.deskLocked'], ops: ['user.saved'] },
  // A returned parcel the order did not account for, taken in on a supervisor's word.
  returns: { actions: [], ops: ['return.received'] },
} as const satisfies Record<string, { actions: readonly string[]; ops: readonly OpType[] }>;

export type AuditKind = keyof typeof auditKinds;
export const auditKindNames = Object.keys(auditKinds) as [AuditKind, ...AuditKind[]];

/** The kind an audit line belongs to, from its action name or op type; null when none lists it. */
export function auditKindOf(entry: { kind: 'action' | 'op'; name: string }): AuditKind | null {
  for (const kind of auditKindNames) {
    const names: readonly string[] = entry.kind === 'action' ? auditKinds[kind].actions : auditKinds[kind].ops;
    if (names.includes(entry.name)) return kind;
  }
  return null;
}
