import type { Order } from '#shared/contract/orders.contract';
import { findCarrier } from '#shared/domain/carriers';
import { completingVerdict, partialVerdict, type SplitGroup, type SplitLine, type SplitVerdict } from '#shared/domain/split-shipment';
import { msg, type Message } from '#shared/i18n/message';
import type { BatchShipRow } from './batch-ship-export';
import type { ExportParcel, ExportParcelsRepo } from './export-parcels.repo';

/** A parcel left out of the file, and why (a catalog message naming the line). */
export type HeldParcel = { orderId: string; orderExternalId: string; trackingNo: string; reason: Message };
/**
 * A parcel the file answers for whose number it does not carry: the platform takes one number per
 * order (or sub-order), so a second parcel rides with the first (`uploadedWith`; null: uploaded by
 * an earlier file). Its number must be added to the order on the platform by hand.
 */
export type ExtraParcel = { orderExternalId: string; trackingNo: string; uploadedWith: string | null };

export type BatchShipPlan = {
  rows: BatchShipRow[];
  /** Parcels the file answers for (stamped exported once it is written). */
  mark: string[];
  /** Partial parcels the platform cannot take as a split yet. */
  held: HeldParcel[];
  /** Parcels stamped with the file whose numbers it does not carry. */
  extra: ExtraParcel[];
  /** Parcels held back because they were not handed over to the courier. */
  notHandedOver: number;
  /** The shop has handed parcels over (then "only handed over" is the default). */
  handoversUsed: boolean;
  onlyHandedOver: boolean;
};

type Group = SplitGroup & { parcels: ExportParcel[]; reship: boolean; exported: boolean; left: ExportParcel | null };

/**
 * What the next 批量发货 file holds. The platform takes one number per order (the whole order
 * shipped) or, for a split, one row per sub-order (子订单编号). So:
 * - an order that left whole uploads once, with its first parcel's number;
 * - a partial parcel uploads its sub-orders when it carries each of them whole and they have ids;
 *   otherwise it is held, with the reason, until the rest ships: then the whole order uploads as
 *   one row (nothing of it uploaded yet) or the remaining sub-orders do (a split already started);
 * - with `onlyHandedOver`, a parcel counts only once handed to the courier (or printed long before the
 *   shop's first handover: shared/domain/handover-window), so no number reaches the platform for a parcel still on the bench.
 */
export function planBatchShip(
  deps: { parcels: ExportParcelsRepo; order: (id: string) => Order | null },
  opts: { all: boolean; onlyHandedOver?: boolean | undefined },
): BatchShipPlan {
  const handovers = deps.parcels.handovers();
  const onlyHandedOver = opts.onlyHandedOver ?? handovers !== null;
  const left = (p: ExportParcel) => !onlyHandedOver || p.handedOverAt !== null || (handovers !== null && p.createdAt < handovers.leftBefore);
  const plan: BatchShipPlan = { rows: [], mark: [], held: [], extra: [], notHandedOver: 0, handoversUsed: handovers !== null, onlyHandedOver };

  for (const orderId of deps.parcels.orderIds(opts.all)) {
    const order = deps.order(orderId);
    if (!order) continue;
    const parcels = deps.parcels.parcelsOf(orderId);
    const [rowsBefore, marksBefore] = [plan.rows.length, plan.mark.length];
    planOrder(order, groupsOf(parcels, deps.parcels.unitsOf(orderId), opts.all, left));
    const written = plan.rows.slice(rowsBefore).map((r) => r.trackingNo);
    for (const id of plan.mark.slice(marksBefore)) {
      const p = parcels.find((x) => x.id === id);
      if (p && !written.includes(p.trackingNo)) plan.extra.push({ orderExternalId: order.externalId, trackingNo: p.trackingNo, uploadedWith: written[0] ?? null });
    }
  }
  return plan;

  function planOrder(order: Order, groups: Group[]): void {
    const orderId = order.id;
    const row = (g: Group, subOrderId?: string) => {
      const p = g.left as ExportParcel;
      plan.rows.push({ orderExternalId: order.externalId, carrierName: findCarrier(p.carrierCode)?.name ?? p.carrierCode, trackingNo: p.trackingNo, ...(subOrderId ? { subOrderId } : {}) });
    };
    const markAll = (g: Group) => plan.mark.push(...g.parcels.filter((p) => opts.all || p.exportedAt === null).map((p) => p.id));
    const markLeft = (g: Group) => plan.mark.push(...g.parcels.filter((p) => (opts.all || p.exportedAt === null) && left(p)).map((p) => p.id));
    const pending: Group[] = [];
    for (const g of groups) {
      // A parcel of a number already uploaded rides with it; one not handed over waits.
      if (g.exported) markAll(g);
      else if (g.left) pending.push(g);
      else plan.notHandedOver += g.parcels.length;
    }
    if (pending.length === 0) return;
    // A reship (补发) answers a damage report: its own row, as before.
    for (const g of pending.filter((x) => x.reship)) {
      row(g);
      markLeft(g);
    }
    const main = groups.filter((g) => !g.reship);
    const todo = pending.filter((g) => !g.reship);
    if (todo.length === 0) return;
    const started = main.some((g) => g.exported);
    const whole = order.packState === 'shipped' && main.some((g) => !g.partial && g.left);
    if (!main.some((g) => g.partial) || (whole && !started)) {
      // Left whole (or the rest of a held partial has now left): one row, the first parcel's number.
      if (!started) row(todo[0] as Group);
      todo.forEach(markLeft);
      return;
    }
    const lines: SplitLine[] = order.lines.map((l) => ({ lineNo: l.lineNo, subOrderId: l.subOrderId, skuCode: l.skuCode, qty: l.qty, title: l.title }));
    for (const g of todo) {
      const i = main.indexOf(g);
      const verdict = whole || !g.partial ? completingVerdict(lines, main, i) : partialVerdict(lines, main.slice(0, i), g);
      if (verdict.ok) {
        for (const sub of verdict.subOrderIds) row(g, sub);
        markLeft(g);
      } else {
        plan.held.push({ orderId, orderExternalId: order.externalId, trackingNo: (g.left as ExportParcel).trackingNo, reason: heldReason(verdict, started) });
      }
    }
  }
}

export function groupsOf(parcels: ExportParcel[], units: Map<string, Map<string, number>>, all: boolean, left: (p: ExportParcel) => boolean): Group[] {
  const groups = new Map<string, Group>();
  for (const p of parcels) {
    const g = groups.get(p.groupId) ?? groups.set(p.groupId, { parcels: [], partial: false, reship: false, exported: false, left: null, units: new Map() }).get(p.groupId)!;
    g.parcels.push(p);
    g.partial ||= p.partial;
    g.reship ||= p.reship;
    g.exported ||= !all && p.exportedAt !== null;
    if (!g.left && left(p)) g.left = p;
    const booked = g.units as Map<string, number>;
    for (const [sku, n] of units.get(p.id) ?? []) booked.set(sku, (booked.get(sku) ?? 0) + n);
  }
  return [...groups.values()];
}

export function heldReason(v: Exclude<SplitVerdict, { ok: true }>, started: boolean): Message {
  if (v.why === 'line-partly') return msg('export.hold.linePartly', { line: v.line.lineNo, title: v.line.title, carried: v.carried, qty: v.line.qty });
  if (v.why === 'no-sub-order') return msg(started ? 'export.hold.noSubOrderSplit' : 'export.hold.noSubOrder', { line: v.line.lineNo, title: v.line.title });
  return msg('export.hold.noLine');
}
