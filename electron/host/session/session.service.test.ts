import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations/index';
import { openDatabase, type Db } from '../db/open-database';
import { createOutboxRepo } from '../db/outbox.repo';
import { createStationOps } from '../ops/op-recorder';
import { createAuditRepo } from './audit.repo';
import { createPinGuard } from './pin-guard';
import { createSessionService } from './session.service';
import { hashPin } from './pin-hash';

const SECOND = 1000;

/** A bench whose clock the test moves; `reopen` is the station starting again on the same database. */
function bench(db: Db = migrated(), clock = { now: 1_700_000_000_000 }) {
  const { recorder } = createStationOps({ db, outbox: createOutboxRepo(db), stationId: () => 'st-1', stationRole: () => null, userRole: () => null });
  const audit = createAuditRepo(recorder);
  const session = createSessionService(db, recorder, { id: () => 'st-1', paired: () => false, cursor: () => 0 }, () => {}, createPinGuard({ db, audit, now: () => clock.now }));
  return { db, session, clock, advance: (ms: number) => (clock.now += ms), reopen: () => bench(db, clock) };
}

function migrated(): Db {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'packdesk-pin-')), 'station.db'));
  migrate(db, migrations);
  return db;
}

/** The AppError `fn` throws, as the UI would get it: code, message key and parameters, details. */
function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, key: error.msg.key, params: error.msg.params, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
}

const lockouts = (db: Db) => db.prepare("SELECT user_id AS userId, detail FROM audit_log WHERE action = 'session.pinLockout' ORDER BY rowid").all() as { userId: string | null; detail: string }[];

describe('PIN backoff at the bench', () => {
  it('after 5 wrong PINs every try waits, 30 s then doubling; the right PIN after the wait logs in and resets the count', () => {
    const { session, advance, db } = bench();
    for (let i = 0; i < 4; i++) expect(refusal(() => session.loginWithPin('1111'))).toMatchObject({ code: 'FORBIDDEN', key: 'session.wrongPin' });
    expect(refusal(() => session.loginWithPin('1111'))).toEqual({ code: 'FORBIDDEN', key: 'session.pinWait', params: { seconds: 30 }, details: { retryInSeconds: 30 } });
    advance(10 * SECOND);
    // Answered at once, without looking at the PIN: even the right one must wait.
    expect(refusal(() => session.loginWithPin('0000'))).toMatchObject({ key: 'session.pinWait', params: { seconds: 20 } });
    advance(20 * SECOND);
    expect(refusal(() => session.loginWithPin('2222'))).toMatchObject({ key: 'session.pinWait', params: { seconds: 60 } });
    advance(60 * SECOND);
    expect(session.loginWithPin('0000').user?.role).toBe('admin');
    expect(refusal(() => session.loginWithPin('1111'))).toMatchObject({ key: 'session.wrongPin' });
    expect(lockouts(db).map((l) => JSON.parse(l.detail))).toEqual([{ failures: 5, lockSeconds: 30 }, { failures: 6, lockSeconds: 60 }]);
  });

  it('the count survives a restart of the station', () => {
    const first = bench();
    for (let i = 0; i < 5; i++) expect(() => first.session.loginWithPin('1111')).toThrow();
    const again = first.reopen();
    again.advance(5 * SECOND);
    expect(refusal(() => again.session.loginWithPin('0000'))).toMatchObject({ key: 'session.pinWait', params: { seconds: 25 } });
  });

  it('a supervisor PIN for a gated action shares the bench count, and the lockout names the packer who tried', () => {
    const { session, db, advance } = bench();
    session.loginWithPin('0000');
    session.save({ name: 'supervisor', role: 'supervisor', pin: '8642' });
    const packer = session.save({ name: 'packer', role: 'packer', pin: '2468' });
    session.loginWithPin('2468');
    for (let i = 0; i < 3; i++) expect(refusal(() => session.authorize(['supervisor', 'admin'], '1357'))).toMatchObject({ key: 'session.supervisorRequired' });
    // The packer's own PIN is a real PIN, but not a supervisor's: it counts as a wrong one.
    expect(refusal(() => session.authorize(['supervisor', 'admin'], '2468'))).toMatchObject({ key: 'session.supervisorRequired' });
    expect(refusal(() => session.authorize(['supervisor', 'admin'], '9999'))).toMatchObject({ key: 'session.pinWait', params: { seconds: 30 } });
    expect(refusal(() => session.authorize(['supervisor', 'admin'], '8642'))).toMatchObject({ key: 'session.pinWait' });
    expect(refusal(() => session.loginWithPin('0000'))).toMatchObject({ key: 'session.pinWait' });
    expect(lockouts(db)).toEqual([{ userId: packer.id, detail: JSON.stringify({ failures: 5, lockSeconds: 30 }) }]);
    advance(30 * SECOND);
    expect(session.authorize(['supervisor', 'admin'], '8642').authorizerId).toBeTruthy();
  });

  it('a lockout is in the audit log and goes out to the hub as an audit op', () => {
    const { session, db } = bench();
    for (let i = 0; i < 5; i++) expect(() => session.loginWithPin('1111')).toThrow();
    const ops = db.prepare("SELECT payload FROM outbox WHERE type = 'audit.recorded'").pluck().all() as string[];
    expect(ops.map((p) => JSON.parse(p) as { action: string; target: string; userId: string | null })).toEqual([
      expect.objectContaining({ action: 'session.pinLockout', target: 'bench', userId: null }),
    ]);
  });
});

describe('a supervisor authorising at the bench', () => {
  it('a PIN typed is a PIN checked, even when the one logged in holds the role: at a paired packer\'s bench only a shop user\'s authority counts', () => {
    const { session } = bench();
    session.loginWithPin('0000');
    const supervisor = session.save({ name: 'supervisor', role: 'supervisor', pin: '8642' });
    // The bench's own administrator is logged in; the packer's bench refused the void and asked for a supervisor's PIN.
    expect(session.authorize(['supervisor', 'admin'], '8642')).toEqual({ userId: session.user()?.id, authorizerId: supervisor.id });
    expect(refusal(() => session.authorize(['supervisor', 'admin'], '1357'))).toMatchObject({ key: 'session.supervisorRequired' });
    expect(session.authorize(['supervisor', 'admin'])).toEqual({ userId: session.user()?.id, authorizerId: null });
  });
});

describe('one PIN, several factory administrators', () => {
  it("at a bench that also knows another bench's 管理员 (both still 0000), 0000 opens this bench's own; the other one, once it is the only match, is said with its bench", () => {
    const { db, session } = bench();
    // The admin station's published administrator sits before this bench's own in the table: the order a query returns must not decide.
    const own = db.prepare('SELECT * FROM users').get() as Record<string, unknown>;
    db.prepare('DELETE FROM users').run();
    const insert = db.prepare('INSERT INTO users (id, name, role, pin_hash, active, created_at, bench_of) VALUES (@id, @name, @role, @pin_hash, 1, @created_at, @bench_of)');
    insert.run({ ...own, id: 'admin-of-a', bench_of: 'st-a' });
    insert.run(own);
    db.prepare("INSERT INTO meta (key, value) VALUES ('sync.station_names', ?)").run(JSON.stringify({ 'st-a': '打包台A' }));

    const mine = session.loginWithPin('0000').user!;
    expect(mine).toMatchObject({ id: own['id'], name: '管理员', factoryAdmin: true });
    expect(mine.otherBench ?? null).toBeNull();

    db.prepare('UPDATE users SET pin_hash = ? WHERE id = ?').run(hashPin('9999'), own['id']);
    expect(session.loginWithPin('0000').user).toMatchObject({ id: 'admin-of-a', name: '管理员', otherBench: '打包台A' });
  });
});
