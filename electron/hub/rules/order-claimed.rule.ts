import { msg } from '#shared/i18n/message';
import { orderClaimedOp } from '#shared/ops/order-claimed.op';
import { loadOrder, moved, saveOrder } from './hub-orders';
import { shownOrder, type Rule } from './rule-context';

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
      message: msg(orderClaimedOp.messages.conflict, { order: shownOrder(p.orderId) }),
    });
  }
};
