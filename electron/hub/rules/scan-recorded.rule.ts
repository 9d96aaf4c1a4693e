import { moveOrder } from './hub-orders';
import type { Rule } from './rule-context';

export const scanRecorded: Rule<'scan.recorded'> = async (ctx, p) => {
  if (p.orderId) await moveOrder(ctx.w, p.orderId, 'scan.recorded');
};
