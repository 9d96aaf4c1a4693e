import { msg } from '#shared/i18n/message';
import { roleSuffices } from '#shared/ops/index';
import { stockDeltaOp } from '#shared/ops/stock-delta.op';
import { bookDelta, deltaBooked } from './hub-stock';
import { bookAgainstReturn } from './return-received.rule';
import type { Rule } from './rule-context';

/**
 * A packer's bench moves stock only with its parcels: out with a parcel it made, back with a
 * parcel that was voided, in with a return it received. Anything else (an adjustment) needs a
 * supervisor's authority, which the module's role already demanded.
 */
export const stockDelta: Rule<'stock.delta'> = async (ctx, p) => {
  if (!roleSuffices(ctx.op.authority, 'supervisor') && p.ref !== null) {
    const { trx } = ctx.w;
    // Returned units come in only as a return this station received lists them (a delta already
    // on the ledger is not counted against the return twice).
    const ok =
      p.cause === 'return'
        ? (await deltaBooked(ctx.w, p.id)) || (await bookAgainstReturn(ctx, { ref: p.ref, skuCode: p.skuCode, delta: p.delta, bucket: p.bucket }))
        : p.cause === 'ship'
        ? await trx.selectFrom('hub_shipments').select('shipment_id').where('shipment_id', '=', p.ref).where('station_id', '=', ctx.op.stationId).executeTakeFirst()
        : await trx.selectFrom('hub_voids').select('shipment_id').where('shipment_id', '=', p.ref).executeTakeFirst();
    if (!ok) return { rejected: msg(p.cause === 'return' ? stockDeltaOp.messages.notOwnReturn : stockDeltaOp.messages.notOwnParcel) };
  }
  await bookDelta(ctx, { id: p.id, skuCode: p.skuCode, delta: p.delta, hubSeq: ctx.op.hubSeq, stationId: ctx.op.stationId, bucket: p.bucket });
};
