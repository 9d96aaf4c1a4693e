import { shipBlockReason } from '#shared/domain/order-status';
import type { PlatformStatus } from '#shared/contract/orders.contract';
import type { Migration } from '../migrate';
import { messageToColumn } from '../message-column';

/**
 * Block reasons become data: `orders.blocked_reason` held a Chinese sentence; it now holds a
 * catalog message (JSON), rendered in each reader's language. Existing rows are rewritten from
 * what the sentence was made of, their platform status and lines, so no prose is parsed back.
 * No schema change: the column stays TEXT, and a blocked order stays blocked (NOT NULL).
 */
export const stationMessages: Migration = {
  version: 4,
  name: '0004-messages',
  up(db) {
    const blocked = db.prepare('SELECT id, platform_status FROM orders WHERE blocked_reason IS NOT NULL').all() as {
      id: string; platform_status: PlatformStatus;
    }[];
    const refunds = db.prepare('SELECT refund_status AS refundStatus FROM order_lines WHERE order_id = ? ORDER BY line_no');
    const write = db.prepare('UPDATE orders SET blocked_reason = ? WHERE id = ?');
    for (const order of blocked) {
      const block = shipBlockReason(order.platform_status, refunds.all(order.id) as { refundStatus: string | null }[]);
      write.run(messageToColumn(block?.message ?? null), order.id);
    }
  },
};
