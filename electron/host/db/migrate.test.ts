import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, type Migration } from './migrate';
import { migrations } from './migrations/index';
import { openDatabase } from './open-database';

const tempDb = () => openDatabase(join(mkdtempSync(join(tmpdir(), 'packdesk-migrate-')), 'station.db'));

describe('migrate', () => {
  it('creates the station schema on a fresh database and records the version', () => {
    const db = tempDb();
    expect(migrate(db, migrations)).toBe(migrations.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['orders', 'order_lines', 'skus', 'barcodes', 'stock_ledger', 'waybill_numbers', 'shipments', 'scan_events', 'outbox', 'users', 'audit_log']));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
  });

  it('opens in WAL with synchronous=FULL and foreign keys on', () => {
    const db = tempDb();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('is idempotent: a second run changes nothing', () => {
    const db = tempDb();
    migrate(db, migrations);
    db.prepare("INSERT INTO meta (key, value) VALUES ('k', 'v')").run();
    expect(migrate(db, migrations)).toBe(migrations.length);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'k'").pluck().get()).toBe('v');
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const db = tempDb();
    migrate(db, migrations);
    db.pragma(`user_version = ${migrations.length + 5}`);
    expect(() => migrate(db, migrations)).toThrow(expect.objectContaining({ code: 'CONFLICT', msg: { key: 'db.newerSchema', params: { current: migrations.length + 5, newest: migrations.length } } }));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length + 5);
  });

  it('rolls back every step of a failing run', () => {
    const db = tempDb();
    const broken: Migration[] = [
      { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x INTEGER) STRICT') },
      { version: 2, name: 'bad', up: (d) => d.exec('CREATE TABLE oops (') },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'a'").pluck().get()).toBe(0);
  });

  it('rejects a migration list with a gap', () => {
    const db = tempDb();
    const gap: Migration[] = [{ version: 2, name: 'two', up: () => {} }];
    expect(() => migrate(db, gap)).toThrow(/not contiguous/);
  });

});
