import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { createFakeHost, type FakeHost } from '../../test/fake-host';
import { nobody, packer } from '../../test/fixtures';
import { startIdleLock } from './idle-lock';
import { needsSupervisorPin, useSessionStore } from './session.store';

let host: FakeHost;
const session = () => useSessionStore.getState();

beforeEach(() => {
  host = createFakeHost({ 'session.current': () => nobody });
  setApi(host.api);
  useSessionStore.setState({ session: null, error: null });
});

describe('session store', () => {
  it('logs in by PIN and knows who is packing', async () => {
    host.handlers['session.login'] = () => packer;
    await session().load();
    expect(session().session?.user).toBeNull();
    expect(needsSupervisorPin()).toBe(true);
    expect(await session().loginWithPin('1234')).toBe(true);
    expect(session().session?.user?.name).toBe('小王');
  });

  it('keeps a wrong PIN as an error', async () => {
    host.handlers['session.login'] = () => {
      throw new AppError('FORBIDDEN', msg('session.wrongPin'));
    };
    expect(await session().loginWithPin('0000')).toBe(false);
    expect(session().error?.code).toBe('FORBIDDEN');
  });

  it('a browser page opened fresh finds a packer at work and locks the bench, never showing it unlocked', async () => {
    host.handlers['session.current'] = () => packer;
    host.handlers['session.lock'] = () => ({ ...packer, locked: true });
    const seen: (boolean | undefined)[] = [];
    const off = useSessionStore.subscribe((s) => seen.push(s.session?.locked));
    await session().load({ lockOpen: true });
    off();
    expect(host.callsOf('session.lock')).toHaveLength(1);
    expect(session().session).toMatchObject({ user: { name: '小王' }, locked: true });
    expect(seen).not.toContain(false);
    // A reload of the tab (or the desktop window) goes on as before.
    host.handlers['session.current'] = () => packer;
    await session().load();
    expect(host.callsOf('session.lock')).toHaveLength(1);
    expect(session().session?.locked).toBe(false);
  });

  it('locks', async () => {
    host.handlers['session.lock'] = () => ({ ...packer, locked: true });
    await session().lock('manual');
    expect(session().session?.locked).toBe(true);
  });
});

describe('idle lock', () => {
  it('locks after the idle minutes, only when someone is logged in, and not when disabled', () => {
    vi.useFakeTimers();
    let now = 0;
    let armed = true;
    let minutes = 10;
    const lock = vi.fn();
    const idle = startIdleLock({ minutes: () => minutes, armed: () => armed, lock, now: () => now, checkEveryMs: 1000 });
    now = 9 * 60_000;
    idle.check();
    expect(lock).not.toHaveBeenCalled();
    idle.touch();
    now = 18 * 60_000;
    idle.check();
    expect(lock).not.toHaveBeenCalled();
    now = 19 * 60_000 + 1;
    idle.check();
    expect(lock).toHaveBeenCalledTimes(1);

    armed = false;
    now = 60 * 60_000;
    idle.check();
    expect(lock).toHaveBeenCalledTimes(1);

    armed = true;
    minutes = 0;
    now = 120 * 60_000;
    idle.check();
    expect(lock).toHaveBeenCalledTimes(1);
    idle.stop();
    vi.useRealTimers();
  });

  it('a reloaded browser tab goes on from its last activity: idle past the limit, it locks at the first check', () => {
    const remembered: number[] = [];
    const lock = vi.fn();
    const options = { minutes: () => 10, armed: () => true, lock, remember: (t: number) => remembered.push(t), checkEveryMs: 60_000 };
    // Reloaded 5 minutes after the last key: goes on, and remembers the old activity, not the reload.
    const soon = startIdleLock({ ...options, lastActive: 100 * 60_000, now: () => 105 * 60_000 });
    expect(remembered).toEqual([100 * 60_000]);
    soon.check();
    expect(lock).not.toHaveBeenCalled();
    soon.stop();
    // Reopened an hour later (a restored tab): locked.
    const late = startIdleLock({ ...options, lastActive: 100 * 60_000, now: () => 160 * 60_000 });
    late.check();
    expect(lock).toHaveBeenCalledTimes(1);
    late.stop();
  });
});
