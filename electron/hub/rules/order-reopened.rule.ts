import { moveOrder } from './hub-orders';
import type { Rule } from './rule-context';

export const orderReopened: Rule<'order.reopened'> = async (ctx, p) => {
  await moveOrder(ctx.w, p.orderId, 'order.reopened');
};
