import type { DamageReason } from '#shared/contract/damage.contract';
import type { Shipment } from '#shared/contract/shipments.contract';
import { findCarrier } from '#shared/domain/carriers';
import type { NameSaid } from '#shared/domain/factory-names';
import { handoverNumber } from '#shared/domain/handover-number';
import type { TrackingState } from '#shared/domain/tracking';
import { checkTrackingNo } from '#shared/domain/tracking-number';
import type { Db } from '../db/open-database';
import { personName, type OtherBench } from '../session/person-name';

type ShipmentRow = {
  id: string; order_id: string; external_id: string; carrier_code: string; tracking_no: string; parcel_no: number;
  parcel_count: number; weight_g: number | null; packer_name: string | null; packer_bench: string | null; station_id: string | null; created_at: string;
  printed_at: string | null; print_count: number; voided_at: string | null; void_reason: string | null;
  exported_at: string | null; handed_over_at: string | null; reship_report_id: string | null; reship_reason: DamageReason | null; reship_of_tracking: string | null;
  tracking_state: TrackingState | null; tracking_event_at: string | null;
  ho_id: string | null; ho_opened_at: string | null; ho_closed_at: string | null; ho_state: 'accepted' | 'missing' | 'intercepted' | null; ho_courier: string | null;
  ho_closer: string | null; ho_closer_bench: string | null; ho_station: string | null;
};

// The closed handover that accounts for the parcel: the one that took it (shipments.handover_id), else the
// last one that listed it missing or kept back (index handover_parcels_flagged).
const HANDOVER = `COALESCE(s.handover_id, (SELECT hp.handover_id FROM handover_parcels hp JOIN handovers x ON x.id = hp.handover_id
  WHERE hp.shipment_id = s.id AND hp.state <> 'accepted' AND x.closed_at IS NOT NULL ORDER BY x.closed_at DESC LIMIT 1))`;
const SELECT = `SELECT s.*, o.external_id, u.name AS packer_name, u.bench_of AS packer_bench, (SELECT tracking_no FROM shipments r WHERE r.id = s.reship_of) AS reship_of_tracking,
  t.state AS tracking_state, t.last_event_at AS tracking_event_at,
  h.id AS ho_id, h.opened_at AS ho_opened_at, h.closed_at AS ho_closed_at, hs.state AS ho_state, h.courier_name AS ho_courier,
  hu.name AS ho_closer, hu.bench_of AS ho_closer_bench, h.closed_station AS ho_station FROM shipments s
  JOIN orders o ON o.id = s.order_id LEFT JOIN users u ON u.id = s.packer_id
  LEFT JOIN tracking_parcels t ON t.carrier_code = s.carrier_code AND t.tracking_no = s.tracking_no
  LEFT JOIN handovers h ON h.id = ${HANDOVER} AND h.closed_at IS NOT NULL
  LEFT JOIN handover_parcels hs ON hs.handover_id = h.id AND hs.shipment_id = s.id LEFT JOIN users hu ON hu.id = h.closed_by`;

/** Shipments as the screens and the bench read them; rows are written by the shipment op appliers. */
export function createShipmentsRepo(db: Db, otherBench: OtherBench) {
  const packer = (row: ShipmentRow) =>
    personName(row.packer_name === null ? null : { name: row.packer_name, benchOf: row.packer_bench }, otherBench, row.station_id) ?? '';
  const closer = (row: ShipmentRow) =>
    personName(row.ho_closer === null ? null : { name: row.ho_closer, benchOf: row.ho_closer_bench }, otherBench, row.ho_station);
  const toShipment = (row: ShipmentRow) => shipmentOf(row, packer(row), closer(row));
  const map = (row: ShipmentRow | undefined) => (row ? toShipment(row) : null);
  const q = {
    byId: db.prepare(`${SELECT} WHERE s.id = ?`),
    byTracking: db.prepare(`${SELECT} WHERE s.tracking_no = ?`),
    ofOrder: db.prepare(`${SELECT} WHERE s.order_id = ? ORDER BY s.created_at, s.parcel_no`),
    bookedOn: db.prepare("SELECT sku_code AS skuCode, -delta AS units FROM stock_ledger WHERE ref = ? AND reason = 'shipped'"),
    liveSibling: db.prepare(`SELECT id FROM shipments WHERE order_id = @orderId AND created_at = @createdAt AND id <> @id
      AND voided_at IS NULL ORDER BY parcel_no LIMIT 1`).pluck(),
    shippedUnits: db.prepare(`SELECT l.sku_code AS skuCode, -sum(l.delta) AS units FROM stock_ledger l
      JOIN shipments s ON s.id = l.ref WHERE s.order_id = ? AND s.voided_at IS NULL AND l.reason = 'shipped' GROUP BY l.sku_code`),
    reshipLive: db.prepare('SELECT 1 FROM shipments WHERE reship_report_id = ? AND voided_at IS NULL LIMIT 1').pluck(),
    toExport: db.prepare(`${SELECT} WHERE s.voided_at IS NULL AND (@all = 1 OR s.exported_at IS NULL) ORDER BY s.created_at`),
    // Whose say the void was (the supervisor who gave a PIN, else who was logged in): its audit line, synced from the voiding bench.
    voidedBy: db.prepare(`SELECT u.name, u.bench_of AS benchOf, a.station_id AS stationId FROM audit_log a
      LEFT JOIN users u ON u.id = coalesce(a.authorizer_id, a.user_id) WHERE a.action = 'shipment.void' AND a.target = ? ORDER BY a.at LIMIT 1`),
  };

  return {
    get: (id: string) => map(q.byId.get(id) as ShipmentRow | undefined),
    byTracking: (trackingNo: string) => map(q.byTracking.get(trackingNo) as ShipmentRow | undefined),
    ofOrder: (orderId: string) => (q.ofOrder.all(orderId) as ShipmentRow[]).map(toShipment),
    /** The stock a shipment took off the shelf (a multi-parcel shipment books it on one parcel). */
    stockBookedOn: (id: string) => q.bookedOn.all(id) as { skuCode: string; units: number }[],
    /** Another live parcel created together with this one, if any. */
    liveSibling: (s: { id: string; orderId: string; createdAt: string }) =>
      (q.liveSibling.get({ id: s.id, orderId: s.orderId, createdAt: s.createdAt }) as string | undefined) ?? null,
    /** Units per SKU already on the way in the order's live (not void) shipments. */
    shippedUnits: (orderId: string) =>
      new Map((q.shippedUnits.all(orderId) as { skuCode: string; units: number }[]).map((r) => [r.skuCode, r.units])),
    /** Who voided the parcel, as people tell them apart; null when no bench said (its audit line not here yet). */
    voidedBy(id: string): NameSaid | null {
      const row = q.voidedBy.get(id) as { name: string | null; benchOf: string | null; stationId: string | null } | undefined;
      if (!row) return null;
      return personName(row.name === null ? null : { name: row.name, benchOf: row.benchOf }, otherBench, row.stationId);
    },
    /** A live parcel already answers this damage report's reship. */
    reshipShipped: (reportId: string) => q.reshipLive.get(reportId) !== undefined,
    forExport: (all: boolean) => (q.toExport.all({ all: all ? 1 : 0 }) as ShipmentRow[]).map(toShipment),
    list(filter: { query: string; state: string; limit: number; offset: number }) {
      const where: string[] = [];
      const text = filter.query.trim();
      if (text) where.push('(s.tracking_no = @text OR o.external_id = @text OR o.receiver_name LIKE @like OR o.buyer_nick LIKE @like)');
      const stateClause: Record<string, string> = {
        active: 's.voided_at IS NULL',
        void: 's.voided_at IS NOT NULL',
        'not-exported': 's.voided_at IS NULL AND s.exported_at IS NULL',
      };
      const clause = stateClause[filter.state];
      if (clause) where.push(clause);
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const params = { text, like: `%${text.replace(/[%_]/g, '')}%`, limit: filter.limit, offset: filter.offset };
      const total = db.prepare(`SELECT count(*) FROM shipments s JOIN orders o ON o.id = s.order_id ${whereSql}`).pluck().get(params) as number;
      const rows = db.prepare(`${SELECT} ${whereSql} ORDER BY s.created_at DESC LIMIT @limit OFFSET @offset`).all(params) as ShipmentRow[];
      return { total, shipments: rows.map(toShipment) };
    },
  };
}
export type ShipmentsRepo = ReturnType<typeof createShipmentsRepo>;

function shipmentOf(row: ShipmentRow, packer: NameSaid, closer: NameSaid | null): Shipment {
  const check = checkTrackingNo(row.carrier_code, row.tracking_no);
  return {
    id: row.id,
    orderId: row.order_id,
    orderExternalId: row.external_id,
    carrierCode: row.carrier_code,
    carrierName: findCarrier(row.carrier_code)?.name ?? row.carrier_code,
    trackingNo: row.tracking_no,
    parcelNo: row.parcel_no,
    parcelCount: row.parcel_count,
    weightG: row.weight_g,
    packerName: packer,
    createdAt: row.created_at,
    printedAt: row.printed_at,
    printCount: row.print_count,
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
    trackingWarning: check.ok ? null : (check.warning ?? null),
    exportedAt: row.exported_at,
    handedOverAt: row.handed_over_at,
    handover: row.ho_id === null || row.ho_opened_at === null || row.ho_closed_at === null
      ? null
      : {
        number: handoverNumber({ id: row.ho_id, carrierCode: row.carrier_code, openedAt: row.ho_opened_at }),
        // Taken: at its ship time; listed at a close (its handover_parcels row), else handed over by an older bench's op.
        at: row.handed_over_at ?? row.ho_closed_at, state: row.ho_state ?? 'accepted', courierName: row.ho_courier, by: closer,
      },
    tracking: row.tracking_state === null ? null : { state: row.tracking_state, lastEventAt: row.tracking_event_at },
    reship: row.reship_report_id === null ? null : { reportId: row.reship_report_id, reason: row.reship_reason ?? 'other', ofTrackingNo: row.reship_of_tracking },
  };
}
