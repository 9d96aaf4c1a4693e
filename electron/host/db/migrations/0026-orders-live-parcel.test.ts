import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInboxSourcesRepo } from '../../inbox/inbox-sources.repo';
import { createOrdersRepo } from '../../orders/orders.repo';
import { migrate } from '../migrate';
import { openDatabase, type Db } from '../open-database';
import { migrations } from './index';

const AT = '2026-12-05T00:00:00.000Z';
const REFUNDED = JSON.stringify({ key: 'blocked.refundPending', params: {} });

/** A row with every required column filled (the rest as the schema defaults them). */
function insert(db: Db, table: string, values: Record<string, unknown>): void {
  const cols = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[];
  const row: Record<string, unknown> = {};
  for (const c of cols) if (c.notnull && c.dflt_value === null) row[c.name] = c.type === 'INTEGER' ? 1 : '';
  Object.assign(row, values);
  const names = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(row);
}

describe('0026-orders-live-parcel', () => {
  it('keeps every refunded order with a live parcel in the inbox, and reads only those (not every closed order of the window)', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'packdesk-0026-')), 'station.db'));
    migrate(db, migrations, 25);
    // Refunded after shipping (a live parcel), after a void (none left), and refunded before anyone packed it.
    for (const id of ['o-live', 'o-voided', 'o-never']) insert(db, 'orders', { id, platform: 'taobao', external_id: id, blocked_reason: REFUNDED, imported_at: AT, updated_at: AT });
    insert(db, 'shipments', { id: 's-live', order_id: 'o-live', carrier_code: 'YTO', tracking_no: 'YT1', created_at: AT, partial: 0 });
    insert(db, 'shipments', { id: 's-void', order_id: 'o-voided', carrier_code: 'YTO', tracking_no: 'YT2', created_at: AT, partial: 0, voided_at: AT });

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
    insert(db, 'shipments', { id: 's-late', order_id: 'o-never', carrier_code: 'YTO', tracking_no: 'YT3', created_at: AT, partial: 1 });
    orders.refreshPackState('o-never', '2026-12-06T00:00:00.000Z');
    db.prepare("UPDATE shipments SET voided_at = ? WHERE id = 's-live'").run(AT);
    orders.refreshPackState('o-live', '2026-12-06T00:00:00.000Z');
    expect(inbox.stops('2026-11-01T00:00:00.000Z', 100).map((r) => [r.id, r.tracking_no])).toEqual([['o-never', 'YT3']]);
  });
});
