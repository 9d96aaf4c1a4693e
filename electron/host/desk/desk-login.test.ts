import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations/index';
import { openDatabase, type Db } from '../db/open-database';
import { createOutboxRepo } from '../db/outbox.repo';
import { createStationOps } from '../ops/op-recorder';
import { createAuditRepo } from '../session/audit.repo';
import { hashPin } from '../session/pin-hash';
import { createDeskLogin, DESK_LOCK_AFTER, DESK_LOCK_MS } from './desk-login';

const SECOND = 1000;
const PINS = { boss: '2468', packer: '1357', local: '4321', admin: '0000' } as const;
// scrypt is slow on purpose: hash each test user's PIN once for the whole file.
const hashes = Object.fromEntries(Object.entries(PINS).map(([k, pin]) => [k, hashPin(pin)])) as Record<keyof typeof PINS, string>;

/** The desk's users as it holds them after syncing: the shop's (ordered by the hub) and one of its own. */
function desk(clock = { now: 1_700_000_000_000 }) {
  const db: Db = openDatabase(join(mkdtempSync(join(tmpdir(), 'packdesk-desk-login-')), 'station.db'));
  migrate(db, migrations);
  const add = db.prepare('INSERT INTO users (id, name, role, pin_hash, active, created_at, hub_seq, bench_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  add.run('u-boss', '王主管', 'supervisor', hashes.boss, 1, '2026-01-01T00:00:00Z', 11, null);
  add.run('u-packer', '李打包', 'packer', hashes.packer, 1, '2026-01-01T00:00:00Z', 12, null);
  add.run('u-gone', '赵离职', 'supervisor', hashes.boss, 0, '2026-01-01T00:00:00Z', 13, null);
  add.run('u-local', '本机主管', 'supervisor', hashes.local, 1, '2026-01-01T00:00:00Z', null, null);
  add.run('u-admin', '管理员', 'admin', hashes.admin, 1, '2026-01-01T00:00:00Z', 14, 'bench-a');
  const { recorder } = createStationOps({ db, outbox: createOutboxRepo(db), stationId: () => 'desk', stationRole: () => 'supervisor', userRole: () => 'supervisor' });
  const login = createDeskLogin({ db, audit: createAuditRepo(recorder), now: () => clock.now });
  return { db, login, advance: (ms: number) => (clock.now += ms) };
}

/** What the phone would be told: the key and its parameters, or the user's id. */
async function answer(promise: Promise<{ id: string }>) {
  try {
    return (await promise).id;
  } catch (error) {
    if (error instanceof AppError) return { key: error.msg.key, ...(error.msg.params ?? {}) };
    throw error;
  }
}
const wrong = { key: 'desk.login.wrong' };
const wait = (seconds: number) => ({ key: 'desk.login.wait', seconds });
const locked = { key: 'desk.login.locked', hours: 24 };

describe('phone login at the desk', () => {
  it('only an active supervisor or admin of the shop logs in; every other refusal reads the same', async () => {
    const { login } = desk();
    expect(await answer(login.login({ name: '王主管', pin: PINS.boss }, 'a'))).toBe('u-boss');
    expect(await answer(login.login({ name: ' 王主管 ', pin: PINS.boss }, 'a'))).toBe('u-boss');
    // A packer's right PIN, a disabled supervisor, a bench's own user, a name that is nobody's: one answer.
    expect(await answer(login.login({ name: '李打包', pin: PINS.packer }, 'b'))).toEqual(wrong);
    expect(await answer(login.login({ name: '赵离职', pin: PINS.boss }, 'c'))).toEqual(wrong);
    expect(await answer(login.login({ name: '本机主管', pin: PINS.local }, 'd'))).toEqual(wrong);
    expect(await answer(login.login({ name: '无名氏', pin: PINS.boss }, 'e'))).toEqual(wrong);
    expect(await answer(login.login({ name: '王主管', pin: '9999' }, 'f'))).toEqual(wrong);
    // The factory PIN is in the README: a shop admin still holding it is sent to change it.
    expect(await answer(login.login({ name: '管理员', pin: PINS.admin }, 'g'))).toEqual({ key: 'desk.login.factoryPin' });
    expect(login.user('u-boss')).toEqual({ id: 'u-boss', name: '王主管', role: 'supervisor' });
    expect(login.user('u-packer')).toBeNull();
  });

  it('wrong PINs make one address wait for that name, 30 s then doubling; the supervisor on their own phone is not locked out', async () => {
    const { login, advance, db } = desk();
    for (let i = 0; i < 4; i++) expect(await answer(login.login({ name: '王主管', pin: '1111' }, 'attacker'))).toEqual(wrong);
    expect(await answer(login.login({ name: '王主管', pin: '1112' }, 'attacker'))).toEqual(wait(30));
    // Even the right PIN waits from there, without being looked at.
    expect(await answer(login.login({ name: '王主管', pin: PINS.boss }, 'attacker'))).toEqual(wait(30));
    expect(await answer(login.login({ name: '王主管', pin: PINS.boss }, 'her-phone'))).toBe('u-boss');
    advance(30 * SECOND);
    expect(await answer(login.login({ name: '王主管', pin: '1113' }, 'attacker'))).toEqual(wait(60));
    advance(60 * SECOND);
    expect(await answer(login.login({ name: '王主管', pin: PINS.boss }, 'attacker'))).toBe('u-boss');
    const audited = db.prepare("SELECT detail FROM audit_log WHERE action = 'session.pinLockout'").pluck().all() as string[];
    expect(audited.map((d) => JSON.parse(d))).toEqual([
      { failures: 5, lockSeconds: 30, name: '王主管', source: 'attacker' },
      { failures: 6, lockSeconds: 60, name: '王主管', source: 'attacker' },
    ]);
  });

  it('one address trying many names waits after 10; many addresses on one name lock it after ten', async () => {
    const { login } = desk();
    for (let i = 0; i < 9; i++) expect(await answer(login.login({ name: `猜${i}`, pin: '1111' }, 'sprayer'))).toEqual(wrong);
    expect(await answer(login.login({ name: '猜9', pin: '1111' }, 'sprayer'))).toEqual(wait(30));
    expect(await answer(login.login({ name: '王主管', pin: PINS.boss }, 'elsewhere'))).toBe('u-boss');

    // Many addresses on one name: wrong PINs in a row lock phone login for that name (see the next test).
    for (let i = 0; i < 9; i++) expect(await answer(login.login({ name: '王主管', pin: '1111' }, `bot-${i}`))).toEqual(wrong);
    expect(await answer(login.login({ name: '王主管', pin: '1111' }, 'bot-9'))).toEqual(locked);
  });

  it('wrong PINs in a row for one name from many addresses lock its phone login: the right PIN is refused, plainly, until the pause is over; the lock is audited', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ pin: fc.stringMatching(/^\d{4,8}$/).filter((p) => p !== PINS.boss), source: fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4') }), { minLength: DESK_LOCK_AFTER, maxLength: DESK_LOCK_AFTER + 5 }),
        async (tries) => {
          const { login, advance, db } = desk();
          const told = [];
          for (const t of tries) {
            told.push(await answer(login.login({ name: '王主管', pin: t.pin }, t.source)));
            // Spread out as an attacker from many addresses would: no address waits.
            advance(60 * SECOND);
          }
          expect(told.slice(0, DESK_LOCK_AFTER - 1).every((t) => typeof t === 'object' && t.key !== 'desk.login.locked')).toBe(true);
          expect(told.slice(DESK_LOCK_AFTER - 1)).toEqual(told.slice(DESK_LOCK_AFTER - 1).map(() => locked));
          expect(await answer(login.login({ name: '王主管', pin: PINS.boss }, 'her-phone'))).toEqual(locked);
          const sources = new Set(tries.slice(0, DESK_LOCK_AFTER).map((t) => t.source)).size;
          const audited = db.prepare("SELECT target, detail FROM audit_log WHERE action = 'session.deskLocked'").all() as { target: string; detail: string }[];
          expect(audited.map((a) => ({ target: a.target, ...JSON.parse(a.detail) }))).toEqual([{ target: 'desk', failures: DESK_LOCK_AFTER, sources, lockHours: 24, name: '王主管' }]);
          advance(DESK_LOCK_MS);
          expect(await answer(login.login({ name: '王主管', pin: PINS.boss }, 'her-phone'))).toBe('u-boss');
        },
      ),
      { numRuns: 5 },
    );
  });

  it('a right PIN resets the count: wrong tries around the supervisor\'s own logins never lock her out', async () => {
    const { login, advance } = desk();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < DESK_LOCK_AFTER - 1; i++) {
        expect(await answer(login.login({ name: '王主管', pin: '1111' }, `bot-${round}-${i}`))).toEqual(wrong);
        advance(60 * SECOND);
      }
      expect(await answer(login.login({ name: '王主管', pin: PINS.boss }, 'her-phone'))).toBe('u-boss');
    }
  });

  it('tries sent all at once from one address are counted before they are checked: no more than five are evaluated', async () => {
    const { login } = desk();
    const answers = await Promise.all(Array.from({ length: 12 }, () => answer(login.login({ name: '王主管', pin: '1111' }, 'burst'))));
    expect(answers.filter((a) => typeof a === 'object' && a.key === 'desk.login.wrong').length).toBeLessThanOrEqual(4);
    expect(answers.filter((a) => typeof a === 'object' && a.key === 'desk.login.wait').length).toBeGreaterThanOrEqual(8);
  });

  it('any name and PIN, from any address, is answered with a user or a refusal, never anything else', async () => {
    const { login } = desk();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.stringMatching(/^\d{4,8}$/), fc.string({ maxLength: 64 }), async (name, pin, source) => {
        const told = await answer(login.login({ name, pin }, source));
        expect(told === 'u-boss' || (typeof told === 'object' && ['desk.login.wrong', 'desk.login.wait', 'desk.login.locked'].includes(told.key))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('a bench\'s factory administrator is told as that bench\'s (every bench has a 管理员), as the bench\'s own top bar says them', async () => {
    const { db, login } = desk();
    db.prepare("INSERT INTO meta (key, value) VALUES ('sync.station_names', ?)").run(JSON.stringify({ 'bench-a': '办公室' }));
    db.prepare('UPDATE users SET pin_hash = ? WHERE id = ?').run(hashes.boss, 'u-admin');
    expect(await login.login({ name: '管理员', pin: PINS.boss }, 'a')).toEqual({ id: 'u-admin', name: '管理员', role: 'admin', factoryAdmin: true, otherBench: '办公室' });
    expect(login.user('u-admin')).toEqual({ id: 'u-admin', name: '管理员', role: 'admin', factoryAdmin: true, otherBench: '办公室' });
    expect(login.user('u-boss')).toEqual({ id: 'u-boss', name: '王主管', role: 'supervisor' });
  });

  it('says so when the desk holds no supervisor yet, without counting it as a wrong try', async () => {
    const { login, db } = desk();
    db.prepare("UPDATE users SET hub_seq = NULL WHERE role IN ('supervisor', 'admin')").run();
    for (let i = 0; i < 8; i++) expect(await answer(login.login({ name: '王主管', pin: PINS.boss }, 'a'))).toEqual({ key: 'desk.login.noSupervisors' });
  });
});
