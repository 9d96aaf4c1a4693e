import type { DamageReason } from '#shared/contract/damage.contract';
import type { Db } from '../db/open-database';
import { inForceSql } from '../damage/in-force';

/** A reship waiting to be packed: the damaged SKU × qty for the order, why, and the parcel it replaces. */
export type ReshipRequest = {
  reportId: string; orderId: string; skuCode: string; qty: number; reason: DamageReason;
  /** The parcel it replaces: the report's, else the order's latest live parcel. */
  ofShipmentId: string | null; ofTrackingNo: string | null; requestedAt: string;
};
export type ReshipState = 'open' | 'shipped' | 'cancelled';

type Row = {
  report_id: string; order_id: string; sku_code: string; qty: number; reason: DamageReason; of_id: string | null; of_tracking: string | null; requested_at: string;
};

const DECISION = inForceSql('damage_decisions', 'report_id', 'q.report_id', 'decision');
const SHIPPED = 'EXISTS (SELECT 1 FROM shipments s WHERE s.reship_report_id = q.report_id AND s.voided_at IS NULL)';
// The parcel a reship replaces: the one the report names, else the order's latest live ordinary parcel.
const OF = `coalesce(q.of_shipment_id, (SELECT id FROM shipments s WHERE s.order_id = q.order_id AND s.voided_at IS NULL
  AND s.reship_report_id IS NULL ORDER BY s.created_at DESC, s.parcel_no LIMIT 1))`;
const SELECT = `SELECT q.report_id, q.order_id, q.sku_code, q.qty, q.reason, q.requested_at, ${OF} AS of_id,
  (SELECT tracking_no FROM shipments WHERE id = ${OF}) AS of_tracking FROM reship_requests q`;

/**
 * Reship requests as the bench reads them. A request is open while the decision in force on its
 * report is reship and no live parcel names it: a void reopens it, a supervisor changing the
 * decision cancels it (and deciding reship again reopens it). Rows are written by the appliers.
 */
export function createReshipRepo(db: Db) {
  const q = {
    openOfOrder: db.prepare(`${SELECT} WHERE q.order_id = ? AND ${DECISION} = 'reship' AND NOT ${SHIPPED} ORDER BY q.rowid LIMIT 1`),
    one: db.prepare(`${SELECT} WHERE q.report_id = ?`),
    state: db.prepare(`SELECT CASE WHEN ${SHIPPED} THEN 'shipped' WHEN ${DECISION} = 'reship' THEN 'open' ELSE 'cancelled' END AS state,
      (SELECT tracking_no FROM shipments s WHERE s.reship_report_id = q.report_id AND s.voided_at IS NULL LIMIT 1) AS tracking
      FROM reship_requests q WHERE q.report_id = ?`),
  };
  const toRequest = (r: Row): ReshipRequest => ({
    reportId: r.report_id, orderId: r.order_id, skuCode: r.sku_code, qty: r.qty, reason: r.reason, ofShipmentId: r.of_id, ofTrackingNo: r.of_tracking,
    requestedAt: r.requested_at,
  });
  return {
    /** The oldest open reship of an order (one parcel per request), or null. */
    openOf(orderId: string): ReshipRequest | null {
      const row = q.openOfOrder.get(orderId) as Row | undefined;
      return row ? toRequest(row) : null;
    },
    get(reportId: string): ReshipRequest | null {
      const row = q.one.get(reportId) as Row | undefined;
      return row ? toRequest(row) : null;
    },
    /** Where a report's reship stands, with the new parcel's number once shipped; null: none asked for. */
    stateOf(reportId: string): { state: ReshipState; trackingNo: string | null } | null {
      const row = q.state.get(reportId) as { state: ReshipState; tracking: string | null } | undefined;
      return row ? { state: row.state, trackingNo: row.tracking } : null;
    },
  };
}
export type ReshipRepo = ReturnType<typeof createReshipRepo>;
