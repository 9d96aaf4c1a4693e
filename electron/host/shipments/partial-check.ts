import type { Order } from '#shared/contract/orders.contract';
import { partialVerdict } from '#shared/domain/split-shipment';
import { msg, type Message } from '#shared/i18n/message';
import type { HostContext } from '../host-context';
import { unitsLeaving } from '../pack/scan-details';
import { groupsOf, heldReason } from './batch-ship-plan';
import { createExportParcelsRepo, type ExportParcelsRepo } from './export-parcels.repo';

/**
 * Why a partial parcel of `order` carrying `units` could not be written back as a split (the
 * 批量发货 export would hold it), or null when the platform takes it (mission-anchors §3.9).
 */
export function partialSplitProblem(parcels: ExportParcelsRepo, order: Order, units: ReadonlyMap<string, number>): Message | null {
  const ids = parcels.parcelsOf(order.id);
  const earlier = groupsOf(ids, parcels.unitsOf(order.id), true, () => true).filter((g) => !g.reship);
  const lines = order.lines.map((l) => ({ lineNo: l.lineNo, subOrderId: l.subOrderId, skuCode: l.skuCode, qty: l.qty, title: l.title }));
  const verdict = partialVerdict(lines, earlier, { partial: true, units });
  return verdict.ok ? null : heldReason(verdict, earlier.some((g) => g.exported));
}

/** The bench asks before a partial ship: what would leave now (verified, less earlier parcels) and whether the split uploads. */
export function partialCheck(ctx: Pick<HostContext, 'pack' | 'ordersRepo' | 'shipmentsRepo' | 'db'>): { ok: boolean; reason: Message | null } {
  const state = ctx.pack.getState();
  if (!state.order || state.order.reship) return { ok: true, reason: null };
  const order = ctx.ordersRepo.get(state.order.id);
  if (!order) return { ok: true, reason: null };
  const units = unitsLeaving(state.lines, ctx.shipmentsRepo.shippedUnits(order.id), true);
  if (units.size === 0) return { ok: true, reason: null };
  const reason = partialSplitProblem(createExportParcelsRepo(ctx.db), order, units);
  return reason ? { ok: false, reason: msg('export.partialWarning', { reason }) } : { ok: true, reason: null };
}
