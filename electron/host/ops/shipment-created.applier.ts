import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** A parcel: its row (with the reship it makes, if any), its number used, its order's pack state. */
export function shipmentCreatedApplier({ db, orders, pool, providerWaybills }: ApplierDeps): Applier<'shipment.created'> {
  const insert = db.prepare(`INSERT OR IGNORE INTO shipments (id, order_id, carrier_code, tracking_no, parcel_no, parcel_count, weight_g,
    partial, packer_id, created_at, station_id, group_id, reship_report_id, reship_of, reship_reason) VALUES (@id, @orderId, @carrierCode,
    @trackingNo, @parcelNo, @parcelCount, @weightG, @partial, @packerId, @at, @stationId, @groupId, @reshipReportId, @reshipOf, @reshipReason)`);
  return {
    apply(p, m) {
      if (!m.own && !orders.stored(p.orderId)) return `order:${p.orderId}`;
      const { orderExternalId: _shown, reship, ...row } = p;
      // station_id NULL: packed here. A reship parcel names its report, so that reship is done at every bench.
      insert.run({
        ...row, partial: p.partial ? 1 : 0, stationId: m.own ? null : m.author,
        reshipReportId: reship?.reportId ?? null, reshipOf: reship?.ofShipmentId ?? null, reshipReason: reship?.reason ?? null,
      });
      // A number another station used is never used here, even if it also sits in this pool.
      if (!m.own) pool.retireFree(p.trackingNo, 'used', p.id);
      // A provider-issued number on a parcel is no longer ready for its order at any bench.
      providerWaybills.take(p.trackingNo, p.id);
      orders.refreshPackState(p.orderId, p.at);
    },
  };
}
