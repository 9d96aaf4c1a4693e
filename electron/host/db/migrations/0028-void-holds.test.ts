import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOrdersRepo } from '../../orders/orders.repo';
import { migrate } from '../migrate';
import { openDatabase } from '../open-database';
import { migrations } from './index';
import { insertRow } from '../../../../test/helpers/schema-rows';

const AT = '2026-12-05T00:00:00.000Z';
const CLOSED = JSON.stringify({ key: 'blocked.reasons.TRADE_CLOSED' });

describe('0028-void-holds', () => {
  it('holds the open orders voided as cancelled or refunded before the upgrade, keeping a platform block above it', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'packdesk-0028-')), 'station.db'));
    migrate(db, migrations, 27);
    insertRow(db, 'orders', { id: 'o-refunded', platform: 'taobao', external_id: '1', imported_at: AT, updated_at: AT });
    insertRow(db, 'orders', { id: 'o-misprint', platform: 'taobao', external_id: '2', imported_at: AT, updated_at: AT });
    insertRow(db, 'orders', { id: 'o-closed', platform: 'taobao', external_id: '3', blocked_reason: CLOSED, imported_at: AT, updated_at: AT });
    insertRow(db, 'shipments', { id: 's1', order_id: 'o-refunded', carrier_code: 'YTO', tracking_no: 'YT1', created_at: AT, partial: 0, voided_at: AT, void_reason: 'Order cancelled or refunded' });
    insertRow(db, 'shipments', { id: 's2', order_id: 'o-misprint', carrier_code: 'YTO', tracking_no: 'YT2', created_at: AT, partial: 0, voided_at: AT, void_reason: '面单打印错误' });
    insertRow(db, 'shipments', { id: 's3', order_id: 'o-closed', carrier_code: 'YTO', tracking_no: 'YT3', created_at: AT, partial: 0, voided_at: AT, void_reason: '订单取消/退款' });

    migrate(db, migrations, 28);
    const orders = createOrdersRepo(db);
    expect(orders.get('o-refunded')?.blockedReason).toEqual({ key: 'blocked.voidHold', params: { tracking: 'YT1' } });
    expect(orders.get('o-misprint')?.blockedReason).toBeNull();
    expect(orders.get('o-closed')?.blockedReason).toEqual({ key: 'blocked.reasons.TRADE_CLOSED' });
    expect(orders.holds('o-closed').map((h) => h.trackingNo)).toEqual(['YT3']);
    // A release lifts the hold; the platform's block is never lifted by one.
    db.prepare("UPDATE shipments SET hold_released_at = ? WHERE id IN ('s1', 's3')").run(AT);
    orders.refreshHold('o-refunded');
    orders.refreshHold('o-closed');
    expect(orders.get('o-refunded')?.blockedReason).toBeNull();
    expect(orders.get('o-closed')?.blockedReason).toEqual({ key: 'blocked.reasons.TRADE_CLOSED' });
  });
});
