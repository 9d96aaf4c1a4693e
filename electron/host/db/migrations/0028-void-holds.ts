import { holdMessage, isCancelVoidReason } from '#shared/domain/void-hold';
import { messageToColumn } from '../message-column';
import type { Migration } from '../migrate';

/**
 * A parcel voided as 订单取消/退款 holds its order (禁止发货) until a supervisor's 恢复发货
 * (order.released). `void_holds` is derived from the synced reason when the void is applied, and
 * `hold_released_at` set by the release that names the void. Orders voided so before this version
 * are held now too, as every station derives it alike from the voids it already holds; an order the
 * platform already blocks keeps the platform's reason.
 */
export const stationVoidHolds: Migration = {
  version: 28,
  name: '0028-void-holds',
  up(db) {
    db.exec(`
      ALTER TABLE shipments ADD COLUMN void_holds INTEGER NOT NULL DEFAULT 0 CHECK (void_holds IN (0, 1));
      ALTER TABLE shipments ADD COLUMN hold_released_at TEXT;
      CREATE INDEX shipments_void_holds ON shipments (order_id) WHERE void_holds = 1 AND hold_released_at IS NULL;
    `);
    const voided = db.prepare('SELECT id, order_id, tracking_no, void_reason FROM shipments WHERE voided_at IS NOT NULL AND void_reason IS NOT NULL ORDER BY voided_at')
      .all() as { id: string; order_id: string; tracking_no: string; void_reason: string }[];
    const mark = db.prepare('UPDATE shipments SET void_holds = 1 WHERE id = ?');
    const hold = db.prepare("UPDATE orders SET blocked_reason = ? WHERE id = ? AND blocked_reason IS NULL AND pack_state = 'open'");
    for (const s of voided) {
      if (!isCancelVoidReason(s.void_reason)) continue;
      mark.run(s.id);
      hold.run(messageToColumn(holdMessage(s.tracking_no)), s.order_id);
    }
  },
};
