import { isCancelledStatus, statusAfter, statusRanks, type LatticeStatus } from '#shared/domain/order-lattice';
import type { HubTables } from '../store/hub-schema';
import type { LogWriter } from '../sync/hub-log.repo';
import { shownOrder, type Rule } from './rule-context';

type OrderRow = HubTables['hub_orders'];

/** An order the hub has not heard of yet starts at imported: orders may arrive after the work on them. */
export async function loadOrder(w: LogWriter, orderId: string): Promise<OrderRow> {
  const row = await w.trx.selectFrom('hub_orders').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  return row ?? { order_id: orderId, generation: 0, rank: 0, platform_status: null, cancelled: 0, claim_station: null, claim_op_id: null };
}

export async function saveOrder(w: LogWriter, row: OrderRow): Promise<void> {
  const { order_id: _key, ...rest } = row;
  await w.trx.insertInto('hub_orders').values(row).onConflict((oc) => oc.column('order_id').doUpdateSet(rest)).execute();
}

/** The order after `type` moved it along the status lattice (shared with stations and the simulator). */
export function moved(row: OrderRow, type: string, payload: { platformStatus?: unknown } = {}): OrderRow {
  const next: LatticeStatus = statusAfter({ generation: row.generation, rank: row.rank }, type, payload);
  return { ...row, generation: next.generation, rank: next.rank };
}

export async function moveOrder(w: LogWriter, orderId: string, type: string): Promise<OrderRow> {
  const row = moved(await loadOrder(w, orderId), type);
  await saveOrder(w, row);
  return row;
}

export const orderImported: Rule<'order.imported'> = async (ctx, p) => {
  const before = await loadOrder(ctx.w, p.id);
  // Cancellation is sticky: an older export imported late must not bring a closed order back.
  const cancelled = before.cancelled === 1 || isCancelledStatus(p.platformStatus);
  const after = { ...moved(before, 'order.imported', p), platform_status: p.platformStatus, cancelled: cancelled ? 1 : 0 };
  await saveOrder(ctx.w, after);
  if (cancelled && before.cancelled === 0 && after.rank >= statusRanks.labeled) {
    await ctx.raise('ship.after-cancel', {
      orderId: p.id,
      stationIds: [ctx.op.stationId],
      opIds: [ctx.op.opId],
      detail: `订单 ${p.externalId} 已贴单后被取消 / Order ${p.externalId} was cancelled after its label was made`,
    });
  }
};

/** First claim wins; a later claim by another station is kept and flagged, never refused. */
export const orderClaimed: Rule<'order.claimed'> = async (ctx, p) => {
  const before = await loadOrder(ctx.w, p.orderId);
  const after = moved(before, 'order.claimed');
  if (!before.claim_station) Object.assign(after, { claim_station: ctx.op.stationId, claim_op_id: ctx.op.opId });
  await saveOrder(ctx.w, after);
  if (before.claim_station && before.claim_station !== ctx.op.stationId) {
    await ctx.raise('claim.conflict', {
      orderId: p.orderId,
      stationIds: [before.claim_station, ctx.op.stationId],
      opIds: [before.claim_op_id ?? '', ctx.op.opId].filter(Boolean),
      detail: `订单 ${shownOrder(p.orderId)} 已被另一工位认领 / Order ${shownOrder(p.orderId)} was already claimed by another station`,
    });
  }
};

export const orderReopened: Rule<'order.reopened'> = async (ctx, p) => {
  await moveOrder(ctx.w, p.orderId, 'order.reopened');
};

export const scanRecorded: Rule<'scan.recorded'> = async (ctx, p) => {
  if (p.orderId) await moveOrder(ctx.w, p.orderId, 'scan.recorded');
};
