import { moveOrder } from './hub-orders';
import type { Rule } from './rule-context';

export const shipmentPrinted: Rule<'shipment.printed'> = async (ctx, p) => {
  const shipment = await ctx.w.trx.selectFrom('hub_shipments').select('order_id').where('shipment_id', '=', p.id).executeTakeFirst();
  if (shipment) await moveOrder(ctx.w, shipment.order_id, 'shipment.printed');
};
