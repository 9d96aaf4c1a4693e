import { msg } from '#shared/i18n/message';
import { shipmentCreatedOp } from '#shared/ops/shipment-created.op';
import { QUARANTINE } from '../backup/backup.service';
import { loadOrder, moved, saveOrder } from './hub-orders';
import { shownOrder, type Rule, type RuleContext } from './rule-context';

const texts = shipmentCreatedOp.messages;

/**
 * A shipment is a physical fact: a label exists. It is always recorded; what is wrong with it
 * (a number someone else holds, a second parcel set for one order, a cancelled order) becomes a
 * flag. Shipments are never merged or dropped.
 */
export const shipmentCreated: Rule<'shipment.created'> = async (ctx, p) => {
  const { trx } = ctx.w;
  const station = ctx.op.stationId;
  const seen = await trx.selectFrom('hub_shipments').select('shipment_id').where('shipment_id', '=', p.id).executeTakeFirst();
  if (seen) return;

  await checkWaybillOwner(ctx, p.carrierCode, p.trackingNo, p.orderId);
  const holder = await trx
    .selectFrom('hub_shipments')
    .select(['station_id', 'op_id', 'order_id'])
    .where('carrier_code', '=', p.carrierCode)
    .where('tracking_no', '=', p.trackingNo)
    .executeTakeFirst();
  if (holder) {
    await ctx.raise('waybill.reused', {
      orderId: p.orderId, stationIds: [holder.station_id, station], opIds: [holder.op_id, ctx.op.opId],
      message: msg(texts.reused, { trackingNo: p.trackingNo, order: shownOrder(holder.order_id) }),
    });
  }

  // Only the first parcel of a group is judged: parcels 2..n of one shipment are not a second shipment.
  // A reship (补发) is a second parcel on purpose: it is judged only against other parcels of the same
  // reship, and the order's own parcels only against each other.
  const groupKnown = await trx
    .selectFrom('hub_shipments')
    .select('shipment_id')
    .where('order_id', '=', p.orderId)
    .where('group_id', '=', p.groupId)
    .executeTakeFirst();
  if (!groupKnown) {
    const others = trx
      .selectFrom('hub_shipments')
      .select(['station_id', 'op_id'])
      .where('order_id', '=', p.orderId)
      .where('group_id', '!=', p.groupId)
      .where('partial', '=', 0)
      .where('voided', '=', 0);
    const other = await (p.reship ? others.where('reship_report_id', '=', p.reship.reportId) : others.where('reship_report_id', 'is', null))
      .orderBy('hub_seq')
      .executeTakeFirst();
    if (other) {
      await ctx.raise('ship.double', {
        orderId: p.orderId, stationIds: [other.station_id, station], opIds: [other.op_id, ctx.op.opId],
        message: msg(p.reship ? texts.doubleReship : texts.double, { order: shownOrder(p.orderId) }),
      });
    }
  }

  const order = await loadOrder(ctx.w, p.orderId);
  await saveOrder(ctx.w, moved(order, 'shipment.created'));
  if (order.cancelled === 1 && !groupKnown) {
    await ctx.raise('ship.after-cancel', {
      orderId: p.orderId, stationIds: [station], opIds: [ctx.op.opId],
      message: msg(texts.cancelled, { order: shownOrder(p.orderId), trackingNo: p.trackingNo }),
    });
  }

  await trx
    .insertInto('hub_shipments')
    .values({
      shipment_id: p.id,
      order_id: p.orderId,
      group_id: p.groupId,
      carrier_code: p.carrierCode,
      // The UNIQUE (carrier, number) index holds the first holder; the reuse lives on in the flag.
      tracking_no: holder ? null : p.trackingNo,
      station_id: station,
      partial: p.partial ? 1 : 0,
      voided: (await trx.selectFrom('hub_voids').select('shipment_id').where('shipment_id', '=', p.id).executeTakeFirst()) ? 1 : 0,
      op_id: ctx.op.opId,
      hub_seq: ctx.op.hubSeq,
      reship_report_id: p.reship?.reportId ?? null,
    })
    .execute();
};

/**
 * The number must come from this station's own numbers. An unknown number (a roll the station
 * imported itself and has not reported) becomes this station's, so the hub never leases it out.
 */
async function checkWaybillOwner(ctx: RuleContext, carrierCode: string, trackingNo: string, orderId: string): Promise<void> {
  const { trx, now } = ctx.w;
  const station = ctx.op.stationId;
  const row = await trx
    .selectFrom('hub_waybills')
    .select(['station_id', 'lease_id'])
    .where('carrier_code', '=', carrierCode)
    .where('number', '=', trackingNo)
    .executeTakeFirst();
  if (!row) {
    await trx
      .insertInto('hub_waybills')
      .values({ carrier_code: carrierCode, number: trackingNo, lease_id: ctx.op.opId, station_id: station, added_at: now })
      .execute();
    return;
  }
  if (row.station_id === station) return;
  const setAsideByRestore = row.station_id === null && (row.lease_id ?? '').startsWith(QUARANTINE);
  if (row.station_id === null) {
    // Free in the hub's pool: take it out now, or the hub would lease a number already on a parcel.
    await trx
      .updateTable('hub_waybills')
      .set({ lease_id: ctx.op.opId, station_id: station })
      .where('carrier_code', '=', carrierCode)
      .where('number', '=', trackingNo)
      .execute();
  }
  // A number leased after the backup the hub was restored from: its station is the one using it.
  if (setAsideByRestore) return;
  await ctx.raise('waybill.not-leased', {
    orderId,
    stationIds: row.station_id === null ? [station] : [row.station_id, station],
    opIds: [ctx.op.opId],
    message: msg(row.station_id === null ? texts.notLeasedPool : texts.leasedElsewhere, { trackingNo }),
  });
}
