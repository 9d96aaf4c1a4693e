import { msg } from '#shared/i18n/message';
import { handoverClosedOp } from '#shared/ops/handover-closed.op';
import { chunks } from '../store/chunks';
import { abandonOf, flagClosedAbandoned } from './handover-close-abandon';
import { shownOrder, type Rule } from './rule-context';

/** Parcels named one flag each at most per close; a close that clashes on more is one bench's whole pickup scanned twice. */
const MAX_FLAGS = 20;

/**
 * A parcel goes to the courier once. Each close records which handover took its parcels, first in
 * the hub's order; a parcel a second handover also claims (two benches scanned it, each offline)
 * and a handover closed a second time are flagged for a supervisor. Both closes stay in the log:
 * every bench keeps the first (the close applier), and the flag says which parcel to look at. A close
 * of a handover another bench abandoned (作废) stands, and is flagged too (handover-close-abandon.ts).
 */
export const handoverClosed: Rule<'handover.closed'> = async (ctx, p) => {
  const { trx } = ctx.w;
  const station = ctx.op.stationId;
  const closed = await trx.selectFrom('hub_handovers').select(['station_id', 'op_id']).where('handover_id', '=', p.handoverId).executeTakeFirst();
  if (closed) {
    // The couriers who signed each close: how a supervisor knows which pickup this was.
    const first = await trx.selectFrom('hub_log').select('payload').where('op_id', '=', closed.op_id).executeTakeFirst();
    const firstCourier = first ? String((JSON.parse(first.payload) as { courierName?: unknown }).courierName ?? '—') : '—';
    await ctx.raise('handover.double', {
      orderId: null, stationIds: [closed.station_id, station], opIds: [closed.op_id, ctx.op.opId],
      message: msg(handoverClosedOp.messages.closedTwice, { handover: p.handoverId.slice(-8), first: firstCourier.slice(0, 40), second: p.courierName }),
    });
  } else {
    await trx.insertInto('hub_handovers').values({ handover_id: p.handoverId, station_id: station, op_id: ctx.op.opId, hub_seq: ctx.op.hubSeq }).execute();
    // Abandoned (作废) at a bench that had not heard of this close: the close stands everywhere, and a supervisor is told.
    const abandon = await abandonOf(ctx, p.handoverId);
    if (abandon) await flagClosedAbandoned(ctx, p.handoverId, { stationId: station, opId: ctx.op.opId, userId: ctx.op.userId, courierName: p.courierName }, abandon);
  }
  const clashes: { shipment_id: string; handover_id: string }[] = [];
  for (const ids of chunks(p.accepted)) {
    clashes.push(
      ...(await trx.selectFrom('hub_handed_over').select(['shipment_id', 'handover_id']).where('shipment_id', 'in', ids).where('handover_id', '!=', p.handoverId).execute()),
    );
    const rows = ids.map((shipment_id) => ({ shipment_id, handover_id: p.handoverId, hub_seq: ctx.op.hubSeq }));
    await trx.insertInto('hub_handed_over').values(rows).onConflict((oc) => oc.column('shipment_id').doNothing()).execute();
  }
  for (const clash of clashes.slice(0, MAX_FLAGS)) {
    const parcel = await trx.selectFrom('hub_shipments').select(['order_id', 'tracking_no', 'carrier_code']).where('shipment_id', '=', clash.shipment_id).executeTakeFirst();
    const first = await trx.selectFrom('hub_handovers').select(['station_id', 'op_id']).where('handover_id', '=', clash.handover_id).executeTakeFirst();
    await ctx.raise('handover.double', {
      orderId: parcel?.order_id ?? null,
      stationIds: first ? [first.station_id, station] : [station],
      opIds: first ? [first.op_id, ctx.op.opId] : [ctx.op.opId],
      message: msg(handoverClosedOp.messages.double, {
        trackingNo: parcel?.tracking_no ?? clash.shipment_id, carrier: parcel?.carrier_code ?? '', order: parcel ? shownOrder(parcel.order_id) : '—',
      }),
    });
  }
};
