import { msg } from '#shared/i18n/message';
import { isCancelledStatus, statusRanks } from '#shared/domain/order-lattice';
import { orderImportedOp } from '#shared/ops/order-imported.op';
import { loadOrder, moved, saveOrder } from './hub-orders';
import type { Rule } from './rule-context';

export const orderImported: Rule<'order.imported'> = async (ctx, p) => {
  const before = await loadOrder(ctx.w, p.id);
  // Cancellation is sticky: an older export imported late must not bring a closed order back.
  const cancelled = before.cancelled === 1 || isCancelledStatus(p.platformStatus);
  // A file that did not say the status (null) leaves what an earlier import said.
  const after = { ...moved(before, 'order.imported', p), platform_status: p.platformStatus ?? before.platform_status, cancelled: cancelled ? 1 : 0 };
  await saveOrder(ctx.w, after);
  if (cancelled && before.cancelled === 0 && after.rank >= statusRanks.labeled) {
    await ctx.raise('ship.after-cancel', {
      orderId: p.id, stationIds: [ctx.op.stationId], opIds: [ctx.op.opId],
      message: msg(orderImportedOp.messages.cancelledAfterLabel, { order: p.externalId }),
    });
  }
};
