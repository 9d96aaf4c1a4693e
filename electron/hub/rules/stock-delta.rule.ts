import { msg } from '#shared/i18n/message';
import { roleSuffices } from '#shared/ops/index';
import { stockDeltaOp } from '#shared/ops/stock-delta.op';
import { bookDelta } from './hub-stock';
import type { Rule } from './rule-context';

/**
 * A packer's bench moves stock only with its parcels: out with a parcel it made, back with a
 * parcel that was voided. Anything else (an adjustment) needs a supervisor's authority, which
 * the module's role already demanded.
 */
export const stockDelta: Rule<'stock.delta'> = async (ctx, p) => {
  if (!roleSuffices(ctx.op.authority, 'supervisor') && p.ref !== null) {
    const { trx } = ctx.w;
    // A return is a physical fact like a parcel: the returns op that it names is the return's own rule's business.
    if (p.cause === 'return') return void (await bookDelta(ctx, { id: p.id, skuCode: p.skuCode, delta: p.delta, hubSeq: ctx.op.hubSeq, stationId: ctx.op.stationId, bucket: p.bucket }));
    const ok =
      p.cause === 'ship'
        ? await trx.selectFrom('hub_shipments').select('shipment_id').where('shipment_id', '=', p.ref).where('station_id', '=', ctx.op.stationId).executeTakeFirst()
        : await trx.selectFrom('hub_voids').select('shipment_id').where('shipment_id', '=', p.ref).executeTakeFirst();
    if (!ok) return { rejected: msg(stockDeltaOp.messages.notOwnParcel) };
  }
  await bookDelta(ctx, { id: p.id, skuCode: p.skuCode, delta: p.delta, hubSeq: ctx.op.hubSeq, stationId: ctx.op.stationId, bucket: p.bucket });
};
