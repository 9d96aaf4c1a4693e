import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalogRepo } from '../../catalog/catalog.repo';
import { migrate } from '../migrate';
import { openDatabase } from '../open-database';
import { migrations } from './index';

const AT = '2026-12-05T00:00:00.000Z';

describe('0029-safety-stock', () => {
  it('keeps every SKU as it was, none with a threshold; a threshold saved after it is kept, and never below zero', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'packdesk-0029-')), 'station.db'));
    migrate(db, migrations, 28);
    db.prepare("INSERT INTO skus (code, name, weight_g, location, updated_at) VALUES ('CUP-1', '保温杯', 300, 'A-01', ?)").run(AT);

    migrate(db, migrations, 29);
    const repo = createCatalogRepo(db);
    expect(repo.get('CUP-1')).toMatchObject({ name: '保温杯', weightG: 300, location: 'A-01', safetyStock: null });
    expect(repo.list({ query: '', limit: 10, offset: 0, stock: 'low' }).total).toBe(0);
    repo.save({ code: 'CUP-1', name: '保温杯', weightG: 300, location: 'A-01', barcodes: [], safetyStock: 5 }, AT);
    expect(repo.get('CUP-1')?.safetyStock).toBe(5);
    // No stock yet: 0 on hand is at or below 5.
    expect(repo.list({ query: '', limit: 10, offset: 0, stock: 'low' }).skus.map((s) => s.code)).toEqual(['CUP-1']);
    expect(() => db.prepare("UPDATE skus SET safety_stock = -1 WHERE code = 'CUP-1'").run()).toThrow(/CHECK/);
  });
});
