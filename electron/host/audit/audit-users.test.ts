import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '#shared/contract/hub.contract';
import { currentOpVersion } from '#shared/ops/index';
import { createTempHost } from '../../../test/host/temp-host';
import { hostCaller } from '../../../test/host/host-client';

const BENCH_B = 'station-b';
let seq = 0;
const userSaved = (payload: Record<string, unknown>, authorizedBy: string | null = null): LogEntry => ({
  hubSeq: ++seq, opId: `op-${seq}`, stationId: BENCH_B, stationSeq: seq, type: 'user.saved', version: currentOpVersion('user.saved'),
  payload: { pinHash: null, badgeHash: null, active: true, benchOf: null, seenHubSeq: 0, ...payload }, outcome: 'accepted', reason: null,
  createdAt: `2026-11-26T08:${String(seq).padStart(2, '0')}:00.000Z`, userId: authorizedBy, authorizedBy,
});

describe('the audit view of users and PINs', () => {
  const hosts: { close(): void }[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.close()));
  const station = () => {
    const host = createTempHost({ sync: { autoSync: false } });
    hosts.push(host);
    return { host, call: hostCaller(host) };
  };

  it('lists every user an admin adds, changes, disables or gives a PIN or badge, by whom and what changed, never the PIN', async () => {
    const { call } = station();
    await call('session.login', { pin: '0000' });
    const wang = await call('users.save', { name: '小王', role: 'packer', pin: '1357' });
    await call('users.save', { name: '李主管', role: 'supervisor', pin: '5678' });
    const admin = { name: '管理员', bench: { name: expect.any(String), thisBench: true } };

    const added = await call('audit.list', { filter: 'all', kind: 'users' });
    expect(added.total).toBe(2);
    expect(added.entries.map((e) => [e.what.key, e.category, e.target, e.note])).toEqual([
      ['audit.ops.user.saved', 'users', '李主管', { key: 'audit.notes.parts2', params: { a: { key: 'audit.notes.userCreated', params: { role: { key: 'roles.supervisor' } } }, b: { key: 'audit.notes.userPin' } } }],
      ['audit.ops.user.saved', 'users', '小王', { key: 'audit.notes.parts2', params: { a: { key: 'audit.notes.userCreated', params: { role: { key: 'roles.packer' } } }, b: { key: 'audit.notes.userPin' } } }],
    ]);
    for (const e of added.entries) expect(e).toMatchObject({ user: admin, authorizedBy: admin });

    await call('users.save', { id: wang.id, name: '王小二', role: 'supervisor', pin: '2468', badge: 'B-0042' });
    await call('users.save', { id: wang.id, name: '王小二', role: 'supervisor', active: false });
    await call('users.save', { id: wang.id, name: '王小二', role: 'supervisor', active: true, pin: '9753' });
    const { entries, total } = await call('audit.list', { filter: 'all', kind: 'users' });
    expect(total).toBe(5);
    expect(entries.slice(0, 3).map((e) => e.note)).toEqual([
      { key: 'audit.notes.parts2', params: { a: { key: 'audit.notes.userEnabled' }, b: { key: 'audit.notes.userPin' } } },
      { key: 'audit.notes.userDisabled' },
      {
        key: 'audit.notes.parts4',
        params: {
          a: { key: 'audit.notes.userRenamed', params: { from: '小王', to: '王小二' } },
          b: { key: 'audit.notes.userRole', params: { from: { key: 'roles.packer' }, to: { key: 'roles.supervisor' } } },
          c: { key: 'audit.notes.userPin' }, d: { key: 'audit.notes.userBadge' },
        },
      },
    ]);
    // Neither a PIN, a badge, nor their hashes are ever in the view (ids and times left out: a
    // random id may hold "1357").
    expect(JSON.stringify(entries.map(({ id: _id, at: _at, ...e }) => e))).not.toMatch(/1357|5678|2468|9753|B-0042|scrypt/);
    // The full list has them too.
    expect((await call('audit.list', { filter: 'all' })).entries.filter((e) => e.category === 'users')).toHaveLength(5);
  });

  it('says what a user\'s save pulled from another bench changed, against what this bench knew', async () => {
    const { host, call } = station();
    host.context.sync.applier.applyPage([
      userSaved({ id: 'adm-b', name: '管理员', role: 'admin', benchOf: BENCH_B }),
      userSaved({ id: 'pk-1', name: '小王', role: 'packer' }),
      userSaved({ id: 'pk-1', name: '小王', role: 'supervisor' }, 'adm-b'),
    ], seq);
    await call('session.login', { pin: '0000' });
    const { entries } = await call('audit.list', { filter: 'all', kind: 'users' });
    expect(entries).toMatchObject([
      { target: '小王', authorizedBy: { name: '管理员', bench: { thisBench: false } }, note: { key: 'audit.notes.userRole', params: { from: { key: 'roles.packer' }, to: { key: 'roles.supervisor' } } } },
    ]);
  });
});
