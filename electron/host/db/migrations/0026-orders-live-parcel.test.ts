import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInboxSourcesRepo } from '../../inbox/inbox-sources.repo';
import { createOrdersRepo } from '../../orders/orders.repo';
import { migrate } from '../migrate';
import { openDatabase } from '../open-database';
import { migrations } from './index';
import { insertRow } from '../../../../test/helpers/schema-rows';

const AT = '2026-12-05T00:00:00.000Z';
const REFUNDED = JSON.stringify({ key: 'blocked.refundPending', params: {} });

describe('0026-orders-live-parcel', () => {
  it('keeps every refunded order with a live parcel in the inbox, and reads only those (not every closed order of the window)', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'packdesk-0026-')), 'station.db'));
    migrate(db, migrations, 25);
    // Refunded after shipping (a live parcel), after a void (none left), and refunded before anyone packed it.
    for (const id of ['o-live', 'o-voided', 'o-never']) insertRow(db, 'orders', { id, platform: 'taobao', external_id: id, blocked_reason: REFUNDED, imported_at: AT, updated_at: AT });
    insertRow(db, 'shipments', { id: 's-live', order_id: 'o-live', carrier_code: 'YTO', tracking_no: 'YT1', created_at: AT, partial: 0 });
    insertRow(db, 'shipments', { id: 's-void', order_id: 'o-voided', carrier_code: 'YTO', tracking_no: 'YT2', created_at: AT, partial: 0, voided_at: AT });

    migrate(db, migrations, 26);
    const inbox = createInboxSourcesRepo(db);
    expect(inbox.stops('2026-11-01T00:00:00.000Z', 100).map((r) => [r.id, r.tracking_no])).toEqual([['o-live', 'YT1']]);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM orders WHERE (blocked_reason GLOB '{"key":"blocked.reasons.TRADE_CLOSED*' OR blocked_reason GLOB '{"key":"blocked.refundPending"*') AND live_parcel = 1 AND updated_at >= ?`)
      .all(AT) as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toContain('orders_stop_watch');

    // Kept from then on by the parcels made and voided: the refunded order packed later, the live one voided.
    // Today's repo reads today's schema.
    migrate(db, migrations);
    const orders = createOrdersRepo(db);
    insertRow(db, 'shipments', { id: 's-late', order_id: 'o-never', carrier_code: 'YTO', tracking_no: 'YT3', created_at: AT, partial: 1 });
    orders.refreshPackState('o-never', '2026-12-06T00:00:00.000Z');
    db.prepare("UPDATE shipments SET voided_at = ? WHERE id = 's-live'").run(AT);
    orders.refreshPackState('o-live', '2026-12-06T00:00:00.000Z');
    expect(inbox.stops('2026-11-01T00:00:00.000Z', 100).map((r) => [r.id, r.tracking_no])).toEqual([['o-never', 'YT3']]);
  });
});
