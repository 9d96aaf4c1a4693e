import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubStorage } from '../helpers/hub-db';
import { deskSocket, PACKER, phone, shopWithUsers, startDeskHub, SUPERVISOR, type DeskHub } from '../helpers/desk-hub';

/** One shop for the whole file: every test is a stranger, or a phone, doing something it should not. */
describe('the desk against hostile phones and pages', () => {
  const storage = hubStorage('sqlite');
  let hub: DeskHub;
  let shop: Awaited<ReturnType<typeof shopWithUsers>>;
  beforeAll(async () => {
    hub = await startDeskHub(await storage.fresh());
    shop = await shopWithUsers(hub);
  }, 60_000);
  afterAll(async () => {
    await hub.close();
    await storage.dispose();
  });
  const healthy = async () => expect((await phone(hub.url).request('GET', '/health')).body).toMatchObject({ ok: true });

  it('serves the pages with a strict policy and no caching, beside the hub API it leaves alone', async () => {
    const p = phone(hub.url);
    const page = await p.request('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'.*connect-src 'self';.*frame-ancestors 'none'/);
    expect(page.headers['content-security-policy']).not.toMatch(/ws:|https:|unsafe-eval/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await p.request('GET', '/assets/app.js')).headers['cache-control']).toMatch(/immutable/);
    expect((await p.request('GET', '/assets/../../secret')).status).not.toBe(200);
    expect(await p.request('GET', '/desk/nothing')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    // The sync API answers as before; anything else is still the hub's 404.
    await healthy();
    expect(await p.request('GET', '/sync/pull')).toMatchObject({ status: 401 });
    expect((await p.request('GET', '/favicon.ico')).status).toBe(404);
  });

  it('a login from another site, or by a non-browser without Origin, or not JSON, or too big, is refused as such', async () => {
    const body = JSON.stringify(SUPERVISOR);
    const json = { 'content-type': 'application/json' };
    expect(await phone(hub.url, { origin: 'https://evil.example' }).login(SUPERVISOR.name, SUPERVISOR.pin)).toMatchObject({ status: 403, body: { error: { msg: { key: 'desk.otherOrigin' } } } });
    expect((await phone(hub.url, { origin: null }).login(SUPERVISOR.name, SUPERVISOR.pin)).status).toBe(403);
    expect((await phone(hub.url).request('POST', '/desk/login', body, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await phone(hub.url).request('POST', '/desk/login', '{"name":', json)).status).toBe(400);
    expect((await phone(hub.url).request('POST', '/desk/login', JSON.stringify({ ...SUPERVISOR, extra: 1 }), json)).status).toBe(400);
    expect((await phone(hub.url).request('POST', '/desk/login', 'x'.repeat(100_000), json)).status).toBe(413);
    expect((await phone(hub.url).request('GET', '/desk/login')).status).toBe(405);
    await healthy();
  });

  it('generated hostile login bodies are refused with a clear status and error, never a crash or a session', async () => {
    const anyBody = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.record({ name: fc.oneof(fc.string({ maxLength: 60 }), fc.integer()), pin: fc.oneof(fc.stringMatching(/^\d{0,10}$/), fc.string()) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 300 }),
      fc.constant('['.repeat(3000)),
    );
    await fc.assert(
      fc.asyncProperty(anyBody, fc.integer({ min: 10, max: 250 }), async (body, host) => {
        const stranger = phone(hub.url, { localAddress: `127.0.1.${host}` });
        const told = await stranger.request('POST', '/desk/login', body, { 'content-type': 'application/json' });
        expect([400, 401, 429], `${told.status} ${JSON.stringify(told.body)}`).toContain(told.status);
        expect(told.body).toMatchObject({ error: { code: expect.stringMatching(/^(INVALID_INPUT|FORBIDDEN)$/), msg: { key: expect.stringMatching(/^desk\./) } } });
        expect(stranger.cookie).toBeNull();
      }),
      { numRuns: 80 },
    );
    await healthy();
  });

  it('generated malformed logins, whatever their type, bytes or size, are refused as bad requests and never count as wrong PINs', async () => {
    const JSON_TYPE = 'application/json';
    const LOGIN_BODY_MAX = 4096;
    const type = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(JSON_TYPE, 'application/json; charset=utf-8') },
      { weight: 1, arbitrary: fc.constantFrom(undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'json') },
    );
    // Mostly the supervisor's own name, so that counting any of these as a wrong PIN would lock her out below.
    const name = fc.oneof(fc.constant(SUPERVISOR.name), fc.string({ unit: 'binary', maxLength: 60 }), fc.integer(), fc.constant(null), fc.constant([SUPERVISOR.name]), fc.constant(''), fc.constant(' '.repeat(5)));
    const pin = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }), fc.integer(), fc.constant(Number(SUPERVISOR.pin)), fc.constant([SUPERVISOR.pin]), fc.constant(null),
      fc.constantFrom(`${SUPERVISOR.pin}\u0000`, ` ${SUPERVISOR.pin}`, `${SUPERVISOR.pin}\n`, '123', '123456789', '１２３４'),
    );
    const body = fc.oneof(
      fc.record({ name, pin, extra: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }).map((v) => Buffer.from(JSON.stringify(v))),
      fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v))),
      fc.string({ unit: 'binary', maxLength: 200 }).map((t) => Buffer.from(t)),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.integer({ min: 3000, max: 20_000 }).map((n) => Buffer.from(JSON.stringify({ name: SUPERVISOR.name, pin: '2'.repeat(n) }))),
    );
    /** A body the login reads as a name and a PIN (as the phone page sends): a wrong PIN, not what this test sends. Said here, not taken from the schema under test. */
    const wellFormed = (contentType: string | undefined, bytes: Buffer) => {
      if (contentType?.split(';')[0] !== JSON_TYPE || bytes.length > LOGIN_BODY_MAX) return false;
      let v: unknown;
      try {
        v = JSON.parse(bytes.toString('utf8'));
      } catch {
        return false;
      }
      if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.keys(v).sort().join() !== 'name,pin') return false;
      const { name, pin } = v as Record<string, unknown>;
      return typeof name === 'string' && name.trim().length >= 1 && name.trim().length <= 40 && typeof pin === 'string' && /^\d{4,8}$/.test(pin);
    };
    // One address, the supervisor's own phone: its wrong PINs would make it wait after five.
    const address = '127.0.4.1';
    await fc.assert(
      fc.asyncProperty(type, body, async (contentType, bytes) => {
        fc.pre(!wellFormed(contentType, bytes));
        const stranger = phone(hub.url, { localAddress: address });
        const told = await stranger.request('POST', '/desk/login', bytes, contentType === undefined ? {} : { 'content-type': contentType });
        const expected = contentType?.split(';')[0] !== JSON_TYPE ? 415 : bytes.length > LOGIN_BODY_MAX ? 413 : 400;
        expect(told.status, `${told.status} ${JSON.stringify(told.body)}`).toBe(expected);
        expect(told.body).toEqual({ error: { code: 'INVALID_INPUT', msg: { key: 'desk.badRequest' } } });
        expect(told.headers['set-cookie']).toBeUndefined();
        expect(stranger.cookie).toBeNull();
      }),
      { numRuns: 100 },
    );
    const her = phone(hub.url, { localAddress: address });
    expect(await her.login(SUPERVISOR.name, SUPERVISOR.pin)).toMatchObject({ status: 200, body: { user: { name: SUPERVISOR.name } } });
    expect(her.cookie).not.toBeNull();
    await healthy();
  });

  it('wrong PINs make that address wait, not the supervisor on her own phone; a packer’s PIN never logs in', async () => {
    const attacker = phone(hub.url, { localAddress: '127.0.0.2' });
    for (let i = 0; i < 4; i++) expect((await attacker.login(SUPERVISOR.name, `11${i}1`)).status).toBe(401);
    const locked = await attacker.login(SUPERVISOR.name, '1199');
    expect(locked).toMatchObject({ status: 429, body: { error: { msg: { key: 'desk.login.wait', params: { seconds: 30 } } } } });
    expect(locked.headers['retry-after']).toBe('30');
    expect((await attacker.login(SUPERVISOR.name, SUPERVISOR.pin)).status).toBe(429);
    expect((await phone(hub.url, { localAddress: '127.0.0.3' }).login(SUPERVISOR.name, SUPERVISOR.pin)).status).toBe(200);
    expect(await phone(hub.url, { localAddress: '127.0.0.4' }).login(PACKER.name, PACKER.pin)).toMatchObject({ status: 401, body: { error: { msg: { key: 'desk.login.wrong' } } } });
  });

  it('the WebSocket wants the login cookie and the page’s own origin; logging out closes it', async () => {
    const mine = phone(hub.url, { localAddress: '127.0.0.5' });
    await expect(mine.connect()).rejects.toThrow('upgrade refused: 401');
    expect((await mine.login(SUPERVISOR.name, SUPERVISOR.pin)).status).toBe(200);
    const cookie = mine.cookie!;
    const wss = hub.url.replace('https', 'wss');
    await expect(deskSocket(wss, { cookie, origin: 'https://evil.example' })).rejects.toThrow('upgrade refused: 403');
    await expect(deskSocket(wss, { cookie })).rejects.toThrow('upgrade refused: 403');
    await expect(deskSocket(wss, { cookie: '__Host-packdesk-desk=guessed', origin: hub.url })).rejects.toThrow('upgrade refused: 401');
    const rpc = await mine.connect();
    expect(await rpc.call('sync.status', {})).toMatchObject({ ok: true, value: { role: 'supervisor' } });
    expect((await mine.logout()).status).toBe(200);
    await expect.poll(() => rpc.closed()?.code).toBe(4401);
    await expect(deskSocket(wss, { cookie, origin: hub.url })).rejects.toThrow('upgrade refused: 401');
    expect((await mine.session()).body).toMatchObject({ user: null });
  });

  it('an oversized frame closes that connection only; generated frames are answered or dropped, and the desk keeps serving', async () => {
    const mine = phone(hub.url, { localAddress: '127.0.0.6' });
    await mine.login(SUPERVISOR.name, SUPERVISOR.pin);
    const big = await mine.connect();
    await big.raw(JSON.stringify({ t: 'req', id: 1, method: 'flags.list', input: { pad: 'x'.repeat(200_000) } }));
    await expect.poll(() => big.closed()?.code).toBe(1009);
    const rpc = await mine.connect();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
          fc.record({ t: fc.constant('req'), id: fc.nat(), method: fc.string({ maxLength: 50 }), input: fc.jsonValue({ maxDepth: 2 }) }).map((v) => JSON.stringify(v)),
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
        ),
        async (frame) => {
          const told = await rpc.raw(frame, 424242, 30);
          if (told !== null) expect(told.ok).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
    expect(rpc.closed()).toBeNull();
    expect(await rpc.call('session.current', {})).toMatchObject({ ok: true, value: { user: { name: SUPERVISOR.name } } });
    rpc.close();
  });

  it('photos need the login as well as the ticket', async () => {
    const sha = 'a'.repeat(64);
    expect((await phone(hub.url).request('GET', `/desk/attachments/${sha}?ticket=x`)).status).toBe(401);
    const mine = phone(hub.url, { localAddress: '127.0.0.7' });
    await mine.login(SUPERVISOR.name, SUPERVISOR.pin);
    expect((await mine.request('GET', `/desk/attachments/${sha}?ticket=wrong`)).status).toBe(401);
    const rpc = await mine.connect();
    const ticket = ((await rpc.call('media.ticket', {})) as { value: { ticket: string } }).value.ticket;
    expect((await mine.request('GET', `/desk/attachments/${sha}?ticket=${ticket}`)).status).toBe(404);
    expect((await mine.request('POST', `/desk/attachments/clips?ticket=${ticket}`, 'x', { 'content-type': 'video/webm' })).status).toBe(405);
    rpc.close();
  });

  it('a supervisor disabled at the office is out on the phone at the next sync', async () => {
    const admin = shop.admin;
    await admin.call('users.save', { name: '陈主管', role: 'supervisor', pin: '8642' });
    await admin.sync();
    await hub.deskSync();
    const theirs = phone(hub.url, { localAddress: '127.0.0.8' });
    expect((await theirs.login('陈主管', '8642')).status).toBe(200);
    const rpc = await theirs.connect();
    expect((await rpc.call('flags.list', { open: true })).ok).toBe(true);
    const chen = (await admin.call('users.list', {})).find((u) => u.name === '陈主管')!;
    await admin.call('users.save', { id: chen.id, name: chen.name, role: chen.role, active: false });
    await admin.sync();
    await hub.deskSync();
    expect(await rpc.call('flags.list', { open: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', msg: { key: 'desk.sessionEnded' } } });
    await expect.poll(() => rpc.closed()?.code).toBe(4401);
    expect((await theirs.session()).body).toMatchObject({ user: null });
  });
});
