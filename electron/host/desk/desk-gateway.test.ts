import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { contract } from '#shared/contract/index';
import { createMemoryTransportPair } from '#shared/rpc/memory-transport';
import type { RpcMessage, RpcResponse } from '#shared/rpc/protocol';
import { arbitraryFor } from '../../../test/helpers/zod-arbitrary';
import { createTempHost } from '../../../test/host/temp-host';
import { hashPin } from '../session/pin-hash';
import { DESK_METHODS } from './desk-allowlist';
import { serveDeskConnection } from './desk-gateway';
import { createDeskSessions } from './desk-sessions';

const host = createTempHost({ serial: false });
afterAll(() => host.close());
// A shop supervisor and packer as the desk holds them after syncing (ordered by the hub).
const add = host.context.db.prepare("INSERT INTO users (id, name, role, pin_hash, active, created_at, hub_seq) VALUES (?, ?, ?, ?, 1, '2026-01-01T00:00:00Z', ?)");
add.run('u-boss', '王主管', 'supervisor', hashPin('2468'), 21);
add.run('u-packer', '李打包', 'packer', hashPin('1357'), 22);

/** A phone connected through the gateway, with a session whose clock the test moves. */
function phoneConnection(userId = 'u-boss') {
  const clock = { now: 1_700_000_000_000 };
  const sessions = createDeskSessions({ now: () => clock.now, idleMs: 60_000 });
  const secret = sessions.start(userId);
  const [phoneSide, deskSide] = createMemoryTransportPair();
  let closed = 0;
  const stillAllowed = new Set(['u-boss']);
  serveDeskConnection(host.server, deskSide, { user: () => sessions.touch(secret), allowed: (id) => stillAllowed.has(id), close: () => (closed += 1) }, () => {});
  const received: RpcMessage[] = [];
  const waiting = new Map<number, (r: RpcResponse) => void>();
  phoneSide.onMessage((m) => {
    received.push(m);
    if (m.t === 'res') waiting.get(m.id)?.(m);
  });
  let nextId = 1;
  return {
    /** The answer, or null when none came within `waitMs` (a frame the gateway drops). */
    send(message: unknown, waitMs = 40): Promise<RpcResponse | null> {
      const id = typeof message === 'object' && message !== null ? (message as { id?: unknown }).id : undefined;
      phoneSide.send(message as RpcMessage);
      return new Promise((resolve) => {
        if (typeof id === 'number') waiting.set(id, resolve);
        setTimeout(() => resolve(null), waitMs);
      });
    },
    call(method: string, input: unknown = {}, waitMs = 40) {
      return this.send({ t: 'req', id: nextId++, method, input }, waitMs);
    },
    received,
    closed: () => closed,
    advance: (ms: number) => (clock.now += ms),
    revoke: () => stillAllowed.clear(),
  };
}

describe('a phone connection at the desk', () => {
  it('acts as the phone’s user, not as the desk’s bench session', async () => {
    const phone = phoneConnection();
    expect(await phone.call('session.current')).toMatchObject({ ok: true, value: { user: { id: 'u-boss', role: 'supervisor' }, locked: false } });
    // The desk's own bench has nobody logged in, and the phone cannot change that.
    expect(host.context.session.user()).toBeNull();
    expect(await host.server.dispatch({ t: 'req', id: 1, method: 'session.current', input: {} })).toMatchObject({ ok: true, value: { user: null } });
  });

  it('refuses what is not on the list, by name, and what is no procedure at all, without running it', async () => {
    const phone = phoneConnection();
    for (const method of Object.keys(contract).filter((m) => !DESK_METHODS.has(m as never))) {
      expect(await phone.call(method), method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', msg: { key: 'desk.notOnPhone', params: { method } } } });
    }
    expect(await phone.call('bench.explode')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await phone.call('__proto__')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(host.context.session.user()).toBeNull();
  });

  it('any frame a client sends is answered with a known refusal or dropped; the connection keeps working', async () => {
    const phone = phoneConnection();
    const anyRequest = fc.record({
      t: fc.constantFrom('req', 'res', 'evt', 'x'),
      id: fc.oneof(fc.nat(), fc.string(), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true })),
      method: fc.oneof(fc.constantFrom(...Object.keys(contract)), fc.string({ maxLength: 120 }), fc.integer(), fc.constant(null)),
      input: fc.jsonValue({ maxDepth: 3 }),
    }, { requiredKeys: [] });
    await fc.assert(
      // What arrives over the WebSocket is JSON (anything else is dropped before it gets here).
      fc.asyncProperty(fc.oneof(anyRequest, fc.jsonValue({ maxDepth: 2 })), async (frame) => {
        const told = await phone.send(frame);
        if (told !== null) expect(told.ok || ['INVALID_INPUT', 'FORBIDDEN', 'UNKNOWN_METHOD', 'NOT_FOUND', 'CONFLICT'].includes(told.error.code), JSON.stringify(told)).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect(await phone.call('sync.status')).toMatchObject({ ok: true });
  });

  it('every procedure a phone may call, with input shaped by its schema, answers a value or a refusal the supervisor can be told', async () => {
    const phone = phoneConnection();
    for (const method of [...DESK_METHODS].sort()) {
      await fc.assert(
        fc.asyncProperty(arbitraryFor(contract[method].input), async (input) => {
          const told = await phone.call(method, input, 5_000);
          expect(told, method).not.toBeNull();
          if (!told!.ok) expect(told!.error.code, `${method} ${JSON.stringify(input).slice(0, 200)}`).not.toBe('INTERNAL');
        }),
        { numRuns: 10 },
      );
    }
    expect(await phone.call('sync.status')).toMatchObject({ ok: true });
  });

  it('a session left idle ends: the next request is refused and the connection closed', async () => {
    const phone = phoneConnection();
    expect(await phone.call('flags.list', { open: true })).toMatchObject({ ok: true });
    phone.advance(59_000);
    expect(await phone.call('flags.list', { open: true })).toMatchObject({ ok: true });
    phone.advance(61_000);
    expect(await phone.call('flags.list', { open: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', msg: { key: 'desk.sessionEnded' } } });
    expect(phone.closed()).toBe(1);
  });

  it('a user disabled or demoted since logging in is refused at the next request', async () => {
    const phone = phoneConnection();
    phone.revoke();
    expect(await phone.call('sync.status')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', msg: { key: 'desk.sessionEnded' } } });
    expect(phone.closed()).toBe(1);
  });

  it('more than eight requests at once are refused as busy, not queued without end', async () => {
    const phone = phoneConnection();
    const answers = await Promise.all(Array.from({ length: 20 }, () => phone.call('audit.list', { filter: 'all', limit: 200, offset: 0 })));
    expect(answers.filter((a) => a?.ok).length).toBe(8);
    expect(answers.filter((a) => a && !a.ok && a.error.msg.key === 'desk.busy').length).toBe(12);
  });

  it('sends the phone only the events on its list', async () => {
    const phone = phoneConnection();
    host.server.emit('session.changed', { user: null, locked: false, defaultPinInUse: true, endedBy: null });
    host.server.emit('orders.changed', { count: 3 });
    await new Promise((r) => setTimeout(r, 20));
    expect(phone.received.filter((m) => m.t === 'evt').map((m) => (m as { name: string }).name)).toEqual(['orders.changed']);
  });
});

describe('desk sessions', () => {
  it('end after idle time or a working day, on logout, and say so to whoever follows them', () => {
    const clock = { now: 0 };
    const sessions = createDeskSessions({ now: () => clock.now, idleMs: 15 * 60_000 });
    const ended: string[] = [];
    sessions.onEnd((key) => ended.push(key));
    const a = sessions.start('u-1');
    const b = sessions.start('u-2');
    // Busy all day: it lasts twelve hours, however often it is used.
    for (let minute = 14; minute < 12 * 60; minute += 14) {
      clock.now = minute * 60_000;
      expect(sessions.touch(a)).toBe('u-1');
    }
    expect(sessions.touch(b)).toBeNull();
    clock.now = 12 * 60 * 60_000;
    expect(sessions.touch(a)).toBeNull();
    const c = sessions.start('u-3');
    sessions.end(c);
    expect(sessions.touch(c)).toBeNull();
    expect(ended).toEqual([sessions.keyOf(b), sessions.keyOf(a), sessions.keyOf(c)]);
    expect(sessions.touch('not a secret')).toBeNull();
    // Why each ended, for the phone's login to say: idle, or a logout (nothing to say).
    expect([a, b, c, 'not a secret'].map(sessions.endedWhy)).toEqual(['day', 'idle', null, null]);
    const d = sessions.start('u-4');
    expect(sessions.endedWhy(d)).toBeNull();
    sessions.end(d, 'revoked');
    expect(sessions.endedWhy(d)).toBe('revoked');
  });
});
