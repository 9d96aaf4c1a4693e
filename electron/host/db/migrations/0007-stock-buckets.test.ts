import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalogRepo } from '../../catalog/catalog.repo';
import { migrate } from '../migrate';
import { openDatabase } from '../open-database';
import { migrations } from './index';

describe('0007-stock-buckets', () => {
  it('keeps every movement a station had on the shelf, and counts damaged units apart from what is on hand', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'packdesk-0007-')), 'station.db'));
    migrate(db, migrations, 6);
    const at = '2026-12-05T00:00:00.000Z';
    db.prepare("INSERT INTO skus (code, name, weight_g, location, updated_at) VALUES ('MUG', 'Mug', NULL, '', ?)").run(at);
    db.prepare("INSERT INTO stock_ledger (id, sku_code, delta, reason, at) VALUES ('d1', 'MUG', 10, 'received', ?)").run(at);
    migrate(db, migrations, 7);
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    db.prepare("INSERT INTO stock_ledger (id, sku_code, delta, reason, at, bucket) VALUES ('d2', 'MUG', -2, 'write-off', ?, 'sellable')").run(at);
    db.prepare("INSERT INTO stock_ledger (id, sku_code, delta, reason, at, bucket) VALUES ('d3', 'MUG', 2, 'write-off', ?, 'damaged')").run(at);
    // Today's repo reads today's schema.
    migrate(db, migrations);
    const catalog = createCatalogRepo(db);
    expect([catalog.onHand('MUG'), catalog.damaged('MUG')]).toEqual([8, 2]);
    expect(() => db.prepare("INSERT INTO stock_ledger (id, sku_code, delta, reason, at, bucket) VALUES ('d4', 'MUG', 1, 'x', ?, 'lost')").run(at)).toThrow(/CHECK/);
  });
});
