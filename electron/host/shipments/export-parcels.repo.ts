import { leftWithoutHandoverBefore } from '#shared/domain/handover-window';
import type { Db } from '../db/open-database';

/** A live parcel as the 批量发货 plan reads it. */
export type ExportParcel = {
  id: string; groupId: string; parcelNo: number; partial: boolean; createdAt: string; handedOverAt: string | null;
  exportedAt: string | null; carrierCode: string; trackingNo: string; reship: boolean;
};

/** A number a file uploaded whose parcel was voided afterwards. */
export type VoidedUpload = { trackingNo: string; voidedAt: string };

/**
 * The parcels the 批量发货 export weighs, per order, with the goods each took off the shelf (the
 * partial-shipment split is worked out from them). Reads only: the service stamps what it exported.
 */
export function createExportParcelsRepo(db: Db) {
  const q = {
    // The first handover ever: the shop uses handovers from then on.
    handoversSince: db.prepare('SELECT min(handed_over_at) FROM shipments WHERE handed_over_at IS NOT NULL').pluck(),
    orders: db.prepare(`SELECT order_id FROM shipments WHERE voided_at IS NULL AND (@all = 1 OR exported_at IS NULL)
      GROUP BY order_id ORDER BY min(created_at)`).pluck(),
    parcels: db.prepare(`SELECT id, coalesce(group_id, id) AS groupId, parcel_no AS parcelNo, partial, created_at AS createdAt,
      handed_over_at AS handedOverAt, exported_at AS exportedAt, carrier_code AS carrierCode, tracking_no AS trackingNo,
      reship_report_id IS NOT NULL AS reship FROM shipments WHERE order_id = ? AND voided_at IS NULL ORDER BY created_at, parcel_no`),
    units: db.prepare(`SELECT l.ref, l.sku_code AS skuCode, -sum(l.delta) AS units FROM stock_ledger l JOIN shipments s ON s.id = l.ref
      WHERE s.order_id = ? AND s.voided_at IS NULL AND l.reason = 'shipped' GROUP BY l.ref, l.sku_code`),
    voidedUploads: db.prepare(`SELECT coalesce(group_id, id) AS groupId, tracking_no AS trackingNo, voided_at AS voidedAt FROM shipments
      WHERE order_id = ? AND voided_at IS NOT NULL AND exported_at IS NOT NULL ORDER BY parcel_no`),
    doubleShipped: db.prepare(`SELECT 1 FROM flags WHERE order_id = ? AND kind = 'ship.double' AND resolution IS NULL LIMIT 1`).pluck(),
  };
  return {
    /** Null for a shop that never handed a parcel over; else parcels printed before `leftBefore` left without one. */
    handovers(): { leftBefore: string } | null {
      const first = q.handoversSince.get() as string | null;
      return first === null ? null : { leftBefore: leftWithoutHandoverBefore(first) };
    },
    /** Orders with a live parcel not yet exported (or any live parcel, `all`), oldest parcel first. */
    orderIds: (all: boolean) => q.orders.all({ all: all ? 1 : 0 }) as string[],
    parcelsOf(orderId: string): ExportParcel[] {
      return (q.parcels.all(orderId) as (Omit<ExportParcel, 'partial' | 'reship'> & { partial: number; reship: number })[]).map((p) => ({
        ...p, partial: p.partial === 1, reship: p.reship === 1,
      }));
    },
    /** The order went out from two benches and no supervisor has closed the ship.double flag yet (index flags_open_order). */
    doubleShipped: (orderId: string): boolean => q.doubleShipped.get(orderId) === 1,
    /** Units per SKU each live parcel booked (a multi-parcel shipment books them on one parcel). */
    unitsOf(orderId: string): Map<string, Map<string, number>> {
      const out = new Map<string, Map<string, number>>();
      for (const r of q.units.all(orderId) as { ref: string; skuCode: string; units: number }[]) {
        const m = out.get(r.ref) ?? out.set(r.ref, new Map()).get(r.ref)!;
        m.set(r.skuCode, r.units);
      }
      return out;
    },
    /**
     * Numbers of the order a 批量发货 file answered for whose parcels were voided since, latest void
     * first: per shipment, its first parcel's (the number a file carries for it).
     */
    voidedUploads(orderId: string): VoidedUpload[] {
      const firstOf = new Map<string, VoidedUpload>();
      for (const u of q.voidedUploads.all(orderId) as (VoidedUpload & { groupId: string })[]) if (!firstOf.has(u.groupId)) firstOf.set(u.groupId, u);
      return [...firstOf.values()].sort((a, b) => b.voidedAt.localeCompare(a.voidedAt)).map(({ trackingNo, voidedAt }) => ({ trackingNo, voidedAt }));
    },
  };
}
export type ExportParcelsRepo = ReturnType<typeof createExportParcelsRepo>;
