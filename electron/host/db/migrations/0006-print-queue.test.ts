import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { openDatabase } from '../open-database';
import { migrations } from './index';

describe('0006-print-queue', () => {
  it('adds the label queue to a station at version 5, and the table refuses states and tries that cannot be', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'packdesk-0006-')), 'station.db'));
    migrate(db, migrations, 5);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'print_jobs'").pluck().get()).toBe(0);
    migrate(db, migrations, 6);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    const columns = (db.prepare('PRAGMA table_info(print_jobs)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'kind', 'shipment_id', 'order_ref', 'tracking_no', 'state', 'attempts', 'next_attempt_at', 'error', 'printer', 'reprint_of', 'requested_by', 'created_at', 'updated_at']);
    db.pragma('foreign_keys = OFF');
    const insert = db.prepare(`INSERT INTO print_jobs (id, kind, shipment_id, order_ref, tracking_no, state, attempts, created_at, updated_at)
      VALUES (?, 'waybill', 's', 'o', 't', ?, ?, 'x', 'x')`);
    expect(() => insert.run('a', 'printing', 0)).toThrow(/CHECK/);
    expect(() => insert.run('b', 'queued', -1)).toThrow(/CHECK/);
    insert.run('c', 'unknown', 2);
  });
});
