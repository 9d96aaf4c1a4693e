import type { Order } from '#shared/contract/orders.contract';
import { findCarrier } from '#shared/domain/carriers';
import { completingVerdict, partialVerdict, type SplitGroup, type SplitLine, type SplitVerdict } from '#shared/domain/split-shipment';
import { msg, type Message } from '#shared/i18n/message';
import { PLATFORM_ORDER_ID } from './batch-ship-columns';
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
/**
 * A parcel that replaces one whose number a file already uploaded (voided, shipped again): the
 * platform shows the order shipped with `uploadedNo` and refuses a 批量发货 row for it, so the seller
 * changes the number with 修改物流单号 in the seller back office instead.
 */
export type NumberChange = { orderExternalId: string; uploadedNo: string; trackingNo: string };
/**
 * A parcel of an order whose id is not a Taobao order number (a column-mapped file from another
 * platform or the shop's own store: "M-1001"). The platform's uploader would refuse the whole file
 * for its row, so it is no row: it is stamped like the rest and named once, to be shipped on its own platform.
 */
export type ElsewhereParcel = { orderExternalId: string; trackingNo: string; carrierName: string };

export type BatchShipPlan = {
  rows: BatchShipRow[];
  /** Parcels the file answers for (stamped exported once it is written). */
  mark: string[];
  /** Partial parcels the platform cannot take as a split yet. */
  held: HeldParcel[];
  /** Parcels stamped with the file whose numbers it does not carry. */
  extra: ExtraParcel[];
  /** Parcels stamped with the file whose numbers must replace uploaded ones (修改物流单号), not go in it. */
  changes: NumberChange[];
  /** Parcels stamped with the file that belong to orders of another platform. */
  elsewhere: ElsewhereParcel[];
  /** Numbers of the parcels held back because they were not handed over to the courier. */
  notHandedOver: string[];
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
 *   shop's first handover: shared/domain/handover-window), so no number reaches the platform for a parcel still on the bench;
 * - a shipment replacing one whose number was uploaded (voided, shipped again) is no row: its number
 *   goes on the platform by 修改物流单号 (`changes`), as the platform refuses a row for a shipped order.
 */
export function planBatchShip(
  deps: { parcels: ExportParcelsRepo; order: (id: string) => Order | null },
  opts: { all: boolean; onlyHandedOver?: boolean | undefined },
): BatchShipPlan {
  const handovers = deps.parcels.handovers();
  const onlyHandedOver = opts.onlyHandedOver ?? handovers !== null;
  const left = (p: ExportParcel) => !onlyHandedOver || p.handedOverAt !== null || (handovers !== null && p.createdAt < handovers.leftBefore);
  const plan: BatchShipPlan = { rows: [], mark: [], held: [], extra: [], changes: [], elsewhere: [], notHandedOver: [], handoversUsed: handovers !== null, onlyHandedOver };

  for (const orderId of deps.parcels.orderIds(opts.all)) {
    const order = deps.order(orderId);
    if (!order) continue;
    const parcels = deps.parcels.parcelsOf(orderId);
    if (!PLATFORM_ORDER_ID.test(order.externalId)) {
      elsewhere(order, parcels);
      continue;
    }
    if (deps.parcels.doubleShipped(orderId)) {
      holdDouble(order, parcels);
      continue;
    }
    const [rowsBefore, marksBefore] = [plan.rows.length, plan.mark.length];
    planOrder(order, groupsOf(parcels, deps.parcels.unitsOf(orderId), opts.all, left));
    // `all` writes every live parcel as if no file had gone up, so no upload is there to change.
    const changed = opts.all ? [] : renumber(order, parcels, plan.mark.slice(marksBefore), rowsBefore);
    const written = plan.rows.slice(rowsBefore).map((r) => r.trackingNo);
    for (const id of plan.mark.slice(marksBefore)) {
      const p = parcels.find((x) => x.id === id);
      if (p && !written.includes(p.trackingNo) && !changed.includes(p.trackingNo)) {
        plan.extra.push({ orderExternalId: order.externalId, trackingNo: p.trackingNo, uploadedWith: written[0] ?? null });
      }
    }
  }
  return plan;

  /** Every live parcel of the order not yet answered for that has left: stamped, named, no row. */
  function elsewhere(order: Order, parcels: ExportParcel[]): void {
    for (const p of parcels.filter((x) => opts.all || x.exportedAt === null)) {
      if (!left(p)) {
        plan.notHandedOver.push(p.trackingNo);
        continue;
      }
      plan.mark.push(p.id);
      plan.elsewhere.push({ orderExternalId: order.externalId, trackingNo: p.trackingNo, carrierName: findCarrier(p.carrierCode)?.name ?? p.carrierCode });
    }
  }

  /**
   * Shipped at two benches (an open ship.double flag): which number the platform gets is the
   * supervisor's decision, not the file's (whichever parcel came first would be arbitrary, and the
   * other listed "to add by hand" while the inbox says to void it). Every parcel of the order not yet
   * answered for waits, unstamped, naming the others; once the extra is voided and the flag closed,
   * the kept one goes in the next file (or, if an earlier file carried the voided one, as a number change).
   */
  function holdDouble(order: Order, parcels: ExportParcel[]): void {
    const waiting = parcels.filter((p) => (opts.all || p.exportedAt === null) && left(p));
    plan.notHandedOver.push(...parcels.filter((p) => (opts.all || p.exportedAt === null) && !left(p)).map((p) => p.trackingNo));
    for (const p of waiting) {
      const others = parcels.filter((x) => x.groupId !== p.groupId).map((x) => x.trackingNo);
      plan.held.push({ orderId: order.id, orderExternalId: order.externalId, trackingNo: p.trackingNo, reason: msg('export.hold.doubleShipped', { others: others.join(', ') }) });
    }
  }

  /**
   * A number a file uploaded, then voided, and the order shipped again: the platform already shows
   * the order shipped and refuses a 批量发货 row for it. Each voided upload (latest void first) is
   * replaced by the first shipment of the order printed after that void; once this file answers for
   * it, its number leaves the rows for `changes` (修改物流单号 in the seller back office). It is
   * stamped exported like the rest, as the numbers to add by hand are: the export names it once, in
   * the export bar (kept after the file is written) and `packdesk export`'s output, and the next
   * export does not ask again (Packdesk cannot see the back office; a list that never ends goes unread).
   * Returns the new numbers moved out of the rows.
   */
  function renumber(order: Order, parcels: ExportParcel[], marked: string[], rowsFrom: number): string[] {
    const taken = new Set<string>();
    const moved: string[] = [];
    for (const upload of deps.parcels.voidedUploads(order.id)) {
      const next = parcels.find((p) => p.createdAt > upload.voidedAt && !taken.has(p.groupId));
      if (!next) continue;
      taken.add(next.groupId);
      // Not stamped by this file: reported by an earlier one, or still waiting (on the bench, held).
      const stamped = parcels.filter((p) => p.groupId === next.groupId && marked.includes(p.id));
      const rows = plan.rows.slice(rowsFrom);
      const replacing = stamped.find((p) => rows.some((r) => r.trackingNo === p.trackingNo)) ?? stamped[0];
      if (!replacing) continue;
      plan.rows.splice(rowsFrom, rows.length, ...rows.filter((r) => r.trackingNo !== replacing.trackingNo));
      plan.changes.push({ orderExternalId: order.externalId, uploadedNo: upload.trackingNo, trackingNo: replacing.trackingNo });
      moved.push(replacing.trackingNo);
    }
    return moved;
  }

  function planOrder(order: Order, groups: Group[]): void {
    const orderId = order.id;
    const row = (g: Group, subOrderId?: string) => {
      const p = g.left as ExportParcel;
      plan.rows.push({ orderExternalId: order.externalId, carrierName: findCarrier(p.carrierCode)?.name ?? p.carrierCode, trackingNo: p.trackingNo, ...(subOrderId ? { subOrderId } : {}) });
    };
    const markLeft = (g: Group) => plan.mark.push(...g.parcels.filter((p) => (opts.all || p.exportedAt === null) && left(p)).map((p) => p.id));
    const pending: Group[] = [];
    for (const g of groups) {
      // A parcel not handed over waits, even when another parcel of its shipment has left (it went
      // uncounted and, at the next export, rode with that number while still on the bench).
      plan.notHandedOver.push(...g.parcels.filter((p) => (opts.all || p.exportedAt === null) && !left(p)).map((p) => p.trackingNo));
      // A parcel of a number already uploaded rides with it once it has left.
      if (g.exported) markLeft(g);
      else if (g.left) pending.push(g);
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
