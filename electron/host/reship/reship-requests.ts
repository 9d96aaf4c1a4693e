import type { Db } from '../db/open-database';

/**
 * Opens the reship a report's first reship decision asked for, once both the report and that
 * decision are here (they may arrive in either order after a hub restore). Called by the appliers
 * of damage.decided and damage.reported, so every bench knows the same requests.
 */
export function reshipRequestWriter(db: Db): (reportId: string) => void {
  const insert = db.prepare(`INSERT OR IGNORE INTO reship_requests (report_id, order_id, sku_code, qty, reason, of_shipment_id, decision_id, requested_at)
    SELECT r.id, r.order_id, r.sku_code, r.qty, r.reason, r.shipment_id, d.id, d.decided_at
    FROM damage_reports r JOIN damage_decisions d ON d.report_id = r.id
    WHERE r.id = ? AND r.order_id IS NOT NULL AND d.decision = 'reship' ORDER BY d.rowid LIMIT 1`);
  return (reportId) => void insert.run(reportId);
}
