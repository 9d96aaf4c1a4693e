import { readFileSync, statSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { HUB_AUTHOR } from '#shared/contract/hub.contract';
import { hubIssueRequestSchema, hubIssueResponseSchema, hubProvidersResponseSchema, type HubWaybillRequest } from '#shared/contract/hub-waybills.contract';
import { AppError } from '#shared/contract/errors';
import { createTranslator } from '#shared/i18n/translator';
import { runProvidersHub } from '../../electron/cli/commands/providers-hub.command';
import { HUB_WAYBILL_KEYS_FILE, hubWaybillKeysFile, saveHubWaybillKeys } from '../../electron/hub/waybills/hub-waybill-keys';
import { startKuaidi100LabelFake, type Kuaidi100LabelFake } from '../fakes/kuaidi100-label.fake';
import { call, hubBackends, hubStorage, pullAll, startTestHub, versions, type HubStation, type TestHub } from '../helpers/hub-db';
import { op } from '../helpers/op-fixtures';

const KEY = 'HUBTESTKEY';
const SECRET = 'HUBSECRET-never-shown';
const PARTNER = 'ZT-HUB-01';
const party = { name: '王店长', mobile: '13800000000', phone: '', province: '广东省', city: '东莞市', district: '长安镇', detail: '振安路1号' };
const receiver = { ...party, name: '李四', mobile: '13900001234', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路3号' };
const request = (n: number, over: Partial<HubWaybillRequest> = {}): HubWaybillRequest => ({
  orderId: `taobao:400${n}`, requestKey: `taobao_400${n}`, carrierCode: 'ZTO', platformOrderIds: [`400${n}`],
  sender: party, receiver, parcelCount: 1, weightG: 800, goods: 'T恤 x1', ...over,
});
const account = (endpoint: string, secret = SECRET) => ({ key: KEY, secret, accounts: { ZTO: { partnerId: PARTNER } }, endpoint });

type Issued = { orderId: string; ok: true; trackingNo: string; carrierCode: string; hubSeq: number };
type Failed = { orderId: string; ok: false; kind: string; msg: { key: string; params?: Record<string, unknown> } };
type IssueReply = { status: number; body: { results: (Issued | Failed)[]; error?: string; msg?: { key: string } } };

describe.each(hubBackends)('e-waybills fetched at the hub (%s)', (backend) => {
  const storage = hubStorage(backend);
  let hub: TestHub | undefined;
  const fakes: Kuaidi100LabelFake[] = [];
  let clock = new Date('2026-12-01T02:00:00Z');
  let dataDir = '';
  afterEach(async () => {
    for (const f of fakes.splice(0)) await f.close();
    await hub?.close();
    hub = undefined;
  });
  afterAll(() => storage.dispose());

  const newFake = async () => {
    const f = await startKuaidi100LabelFake({ key: KEY, secret: SECRET, partners: { zhongtong: PARTNER } });
    fakes.push(f);
    return f;
  };

  async function start() {
    clock = new Date('2026-12-01T02:00:00Z');
    const options = await storage.fresh();
    dataDir = options.dataDir!;
    const fake = await newFake();
    saveHubWaybillKeys(dataDir, 'kuaidi100', account(fake.url));
    hub = await startTestHub({ ...options, now: () => clock, trackingEveryMs: 0, waybillCancelEveryMs: 0, waybillProviderTimeoutMs: 300, waybillRetryPauseMs: 30 });
    const packer = await hub.station('pack');
    return { fake, packer, h: hub };
  }

  const issue = (s: HubStation, requests: HubWaybillRequest[], provider = 'kuaidi100') =>
    call(hub!.url, s.token, 'POST', '/waybills/issue', { ...versions, provider, requests }) as Promise<IssueReply>;
  const entriesOf = async (s: HubStation, type: string) => (await pullAll(s)).filter((e) => e.type === type);
  const providerRow = async (trackingNo: string) =>
    (await hub!.hub.backup()).tables.hub_provider_waybills.find((r) => r['tracking_no'] === trackingNo) as Record<string, unknown> | undefined;

  it('issues through the provider, writes waybill.issued for every bench, and answers a repeat from its row without calling the provider', async () => {
    const { fake, packer, h } = await start();
    const providers = await call(h.url, packer.token, 'GET', `/waybills/providers?protocol=${versions.protocol}&appVersion=${versions.appVersion}&schemaVersion=${versions.schemaVersion}`);
    expect(providers).toEqual({ status: 200, body: { providers: [{ name: 'kuaidi100', carriers: ['ZTO'] }] } });

    const first = await issue(packer, [request(1), request(2), request(3)]);
    expect(first.status).toBe(200);
    expect(hubIssueResponseSchema.safeParse(first.body).success).toBe(true);
    expect(hubProvidersResponseSchema.safeParse(providers.body).success).toBe(true);
    expect(first.body.results.map((r) => [r.orderId, r.ok])).toEqual([['taobao:4001', true], ['taobao:4002', true], ['taobao:4003', true]]);
    const numbers = first.body.results.map((r) => (r as Issued).trackingNo);
    expect(new Set(numbers).size).toBe(3);
    expect(fake.live().sort()).toEqual([...numbers].sort());

    const issued = await entriesOf(packer, 'waybill.issued');
    expect(issued).toHaveLength(3);
    for (const r of first.body.results as Issued[]) {
      const e = issued.find((x) => x.hubSeq === r.hubSeq)!;
      expect(e.stationId).toBe(HUB_AUTHOR);
      expect(e.payload).toMatchObject({
        orderId: r.orderId, requestKey: r.orderId.replace(':', '_'), provider: 'kuaidi100', carrierCode: 'ZTO', trackingNo: r.trackingNo, childNumbers: [],
        routing: { sortCode: '300-W01', routeCode: '300-W01 00', hubCode: '571001', hubName: '杭州转运中心', originCode: '769001', destinationCode: '571023' },
        printData: null, templateSize: null, providerRef: `KD${r.trackingNo}`, issuer: 'hub', at: clock.toISOString(),
      });
    }

    // The same keys again (a bench whose answer was lost, or another bench): the same numbers, no provider call, no new entry.
    const calls = fake.calls.length;
    const again = await issue(packer, [request(3), request(1), request(2), request(1)]);
    expect(again.body.results.map((r) => (r as Issued).trackingNo)).toEqual([numbers[2], numbers[0], numbers[1], numbers[0]]);
    expect(fake.calls.length).toBe(calls);
    expect(await entriesOf(packer, 'waybill.issued')).toHaveLength(3);

    // A key taken by another order is refused for it; a provider the hub holds no account for is a clear 400.
    expect((await issue(packer, [request(9, { requestKey: 'taobao_4001' })])).body.results[0]).toMatchObject({ ok: false, kind: 'invalid', msg: { key: 'hubWaybills.keyTaken' } });
    const none = await issue(packer, [request(4)], 'kdniao');
    expect(none).toMatchObject({ status: 400, body: { error: 'invalid', msg: { key: 'hubWaybills.noAccount', params: { provider: { key: 'waybillProvider.name.kdniao' } } } } });
    expect(JSON.stringify(providers) + JSON.stringify(await pullAll(packer))).not.toContain(SECRET);
  });

  it('a provider error comes back per order with its kind; a transient one is retried once; slow or dropped is transient and writes nothing', async () => {
    const { fake, packer } = await start();
    const one = async (n: number) => {
      const reply = await issue(packer, [request(n)]);
      expect(hubIssueResponseSchema.safeParse(reply.body).success).toBe(true); // the station reads it with the contract
      return reply.body.results[0]!;
    };
    fake.state.failNext.push('30001');
    expect(await one(1)).toMatchObject({ ok: false, kind: 'invalid', msg: { key: 'waybillProvider.kuaidi100.badParam', params: { code: '30001' } } });
    fake.state.failNext.push('30004');
    expect(await one(1)).toMatchObject({ ok: false, kind: 'quota', msg: { key: 'waybillProvider.kuaidi100.noBalance' } });
    fake.state.failNext.push('30003');
    expect(await one(1)).toMatchObject({ ok: false, kind: 'auth' });
    // -1 (server error) once: the retry gets the number.
    fake.state.failNext.push('-1');
    let calls = fake.calls.length;
    expect(await one(1)).toMatchObject({ ok: true });
    expect(fake.calls.length - calls).toBe(2);
    // Twice: transient, after two calls.
    fake.state.failNext.push('-1', '-1');
    calls = fake.calls.length;
    expect(await one(2)).toMatchObject({ ok: false, kind: 'transient', msg: { key: 'waybillProvider.kuaidi100.serverError' } });
    expect(fake.calls.length - calls).toBe(2);
    // Dropped twice: unreachable; once: the retry works.
    fake.controls.dropNext = 2;
    expect(await one(2)).toMatchObject({ ok: false, kind: 'transient', msg: { key: 'waybillProvider.http.unreachable' } });
    fake.controls.dropNext = 1;
    const dropped = await one(2);
    expect(dropped).toMatchObject({ ok: true });
    // Slow: both tries time out; the provider issued meanwhile, and asking again with the key gets that number, not a second one.
    fake.controls.slowMs = 700;
    expect(await one(3)).toMatchObject({ ok: false, kind: 'transient', msg: { key: 'waybillProvider.http.timeout' } });
    await new Promise((r) => setTimeout(r, 900));
    fake.controls.slowMs = 0;
    const late = await one(3);
    expect(late).toMatchObject({ ok: true });
    expect(fake.live().filter((n) => n === (late as Issued).trackingNo)).toHaveLength(1);
    expect(fake.live()).toHaveLength(3);
    expect((await entriesOf(packer, 'waybill.issued')).map((e) => e.payload['orderId'])).toEqual(['taobao:4001', 'taobao:4002', 'taobao:4003']);
  });

  it('asks the provider 4 orders at a time', async () => {
    const { fake, packer } = await start();
    fake.controls.slowMs = 150;
    const began = Date.now();
    const reply = await issue(packer, Array.from({ length: 8 }, (_, i) => request(i)));
    const took = Date.now() - began;
    expect(reply.body.results.every((r) => r.ok)).toBe(true);
    // One at a time would take 8 × 150 ms; all at once 150 ms; four at a time two rounds.
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1100);
  });

  it("a bench's cancel-requested for a hub-issued number: the worker cancels it at the provider and writes waybill.cancelled", async () => {
    const { fake, packer, h } = await start();
    const [w] = (await issue(packer, [request(1)])).body.results as Issued[];
    const pushed = await packer.push(op('waybill.cancel-requested', { trackingNo: w!.trackingNo, reason: 'voided', at: clock.toISOString() }));
    expect(pushed.body.results[0]!.outcome).toBe('accepted');
    // Kicked by the push: no timer in this hub.
    await vi.waitFor(async () => expect((await providerRow(w!.trackingNo))?.['cancel_state']).toBe('cancelled'), { timeout: 5000 });
    expect(fake.live()).toEqual([]);
    const cancelled = await entriesOf(packer, 'waybill.cancelled');
    expect(cancelled.map((e) => [e.stationId, e.payload])).toEqual([[HUB_AUTHOR, { trackingNo: w!.trackingNo, outcome: 'cancelled', issuer: 'hub', at: clock.toISOString() }]]);
    // The op itself stays in the log for every bench.
    expect(await entriesOf(packer, 'waybill.cancel-requested')).toHaveLength(1);
    // A number the hub did not fetch: accepted, nothing sent.
    expect((await packer.push(op('waybill.cancel-requested', { trackingNo: 'YT8800000000077' }))).body.results[0]!.outcome).toBe('accepted');
    expect(await h.hub.waybills.sendCancelsNow()).toEqual({ done: [], failed: [] });
    // The key of a cancelled number never answers again: the bench asks with its next key.
    expect((await issue(packer, [request(1)])).body.results[0]).toMatchObject({ ok: false, kind: 'invalid', msg: { key: 'hubWaybills.keyCancelled' } });
    expect((await issue(packer, [request(1, { requestKey: 'taobao_4001-R1' })])).body.results[0]).toMatchObject({ ok: true });
  });

  it('a 子母件 the hub fetched: a child left unused is cancelled by itself, with its parent\'s references; the parent\'s cancel takes the rest', async () => {
    const { fake, packer } = await start();
    const [w] = (await issue(packer, [request(5, { parcelCount: 3 })])).body.results as Issued[];
    const [issuedEntry] = await entriesOf(packer, 'waybill.issued');
    const children = issuedEntry!.payload['childNumbers'] as string[];
    expect(children).toHaveLength(2);
    expect(fake.liveChildren()).toEqual(children);

    // The order fitted in two boxes: the bench cancels the second child alone.
    await packer.push(op('waybill.cancel-requested', { trackingNo: children[1]!, reason: 'unused', at: clock.toISOString() }));
    await vi.waitFor(async () => expect((await providerRow(children[1]!))?.['cancel_state']).toBe('cancelled'), { timeout: 5000 });
    expect(fake.liveChildren()).toEqual([children[0]]);
    expect(fake.live()).toContain(w!.trackingNo);
    expect((await entriesOf(packer, 'waybill.cancelled')).map((e) => e.payload['trackingNo'])).toEqual([children[1]]);

    // The parcel is voided later: the parent's cancel takes its remaining child, at the provider and in the hub's rows.
    await packer.push(op('waybill.cancel-requested', { trackingNo: w!.trackingNo, reason: 'voided', at: clock.toISOString() }));
    await vi.waitFor(async () => expect((await providerRow(w!.trackingNo))?.['cancel_state']).toBe('cancelled'), { timeout: 5000 });
    expect((await providerRow(children[0]!))?.['cancel_state']).toBe('cancelled');
    expect(fake.liveChildren()).toEqual([]);
    expect((await entriesOf(packer, 'waybill.cancelled')).map((e) => e.payload['trackingNo'])).toEqual([children[1], w!.trackingNo]);
  });

  it('a backup taken before the hub kept children: restored, its 子母件 children get their rows from the log, and a child\'s cancel is sent', async () => {
    const { fake, packer, h } = await start();
    await issue(packer, [request(6, { parcelCount: 2 })]);
    const [issuedEntry] = await entriesOf(packer, 'waybill.issued');
    const [child] = issuedEntry!.payload['childNumbers'] as string[];
    // As a hub before migration 0013 wrote it: no child rows, no such migration named.
    const dump = await h.hub.backup();
    dump.tables.hub_provider_waybills = dump.tables.hub_provider_waybills.filter((r) => r['parent_no'] === null).map(({ parent_no: _p, ...r }) => r);
    dump.migrations = dump.migrations.filter((m) => m !== '0013-hub-waybill-children');
    await h.hub.restore(dump);
    expect(await providerRow(child!)).toMatchObject({ parent_no: issuedEntry!.payload['trackingNo'], cancel_state: null });
    await packer.push(op('waybill.cancel-requested', { trackingNo: child!, reason: 'unused', at: clock.toISOString() }));
    await vi.waitFor(async () => expect((await providerRow(child!))?.['cancel_state']).toBe('cancelled'), { timeout: 5000 });
    expect(fake.liveChildren()).toEqual([]);
  });

  it('provider unreachable: the cancel stays queued with its attempts and error, backs off, and is sent once the provider is back', async () => {
    const { fake, packer, h } = await start();
    const [w] = (await issue(packer, [request(1)])).body.results as Issued[];
    const gone = await newFake();
    saveHubWaybillKeys(dataDir, 'kuaidi100', account(gone.url));
    await gone.close();
    await packer.push(op('waybill.cancel-requested', { trackingNo: w!.trackingNo }));
    await vi.waitFor(async () => expect((await providerRow(w!.trackingNo))?.['cancel_attempts']).toBe(1), { timeout: 5000 });
    let row = (await providerRow(w!.trackingNo))!;
    expect(row).toMatchObject({ cancel_state: 'queued', cancel_next_at: new Date(clock.getTime() + 60_000).toISOString() });
    expect(JSON.parse(String(row['cancel_error']))).toMatchObject({ key: 'waybillProvider.http.unreachable' });
    expect(await h.hub.waybills.sendCancelsNow()).toEqual({ done: [], failed: [] }); // not due yet
    clock = new Date(clock.getTime() + 61_000);
    expect((await h.hub.waybills.sendCancelsNow()).failed).toHaveLength(1);
    row = (await providerRow(w!.trackingNo))!;
    expect(row).toMatchObject({ cancel_state: 'queued', cancel_attempts: 2, cancel_next_at: new Date(clock.getTime() + 120_000).toISOString() });
    expect(await entriesOf(packer, 'waybill.cancelled')).toEqual([]);
    expect(fake.live()).toEqual([w!.trackingNo]);

    // Back: the keys point at the provider again.
    saveHubWaybillKeys(dataDir, 'kuaidi100', account(fake.url));
    clock = new Date(clock.getTime() + 121_000);
    const round = await h.hub.waybills.sendCancelsNow();
    expect(round.done).toEqual([{ trackingNo: w!.trackingNo, outcome: 'cancelled', hubSeq: expect.any(Number) }]);
    expect(fake.live()).toEqual([]);
    expect((await providerRow(w!.trackingNo))!).toMatchObject({ cancel_state: 'cancelled', cancel_error: null });
    expect((await entriesOf(packer, 'waybill.cancelled')).map((e) => e.payload['outcome'])).toEqual(['cancelled']);
  });

  it('a provider that has no such number (30009) ends the cancel as not-found', async () => {
    const { packer, h } = await start();
    const [w] = (await issue(packer, [request(1)])).body.results as Issued[];
    const other = await newFake(); // knows nothing of the number
    saveHubWaybillKeys(dataDir, 'kuaidi100', account(other.url));
    await packer.push(op('waybill.cancel-requested', { trackingNo: w!.trackingNo }));
    await vi.waitFor(async () => expect((await providerRow(w!.trackingNo))?.['cancel_state']).toBe('not-found'), { timeout: 5000 });
    expect((await entriesOf(packer, 'waybill.cancelled')).map((e) => e.payload)).toEqual([{ trackingNo: w!.trackingNo, outcome: 'not-found', issuer: 'hub', at: clock.toISOString() }]);
    expect(await h.hub.waybills.sendCancelsNow()).toEqual({ done: [], failed: [] });
  });

  it('hostile: generated bodies for /waybills/issue are refused with 400 and write nothing', async () => {
    const { fake, packer, h } = await start();
    const head = await h.hub.head();
    const field = fc.constantFrom<keyof HubWaybillRequest>('orderId', 'requestKey', 'carrierCode', 'platformOrderIds', 'oaid', 'sender', 'receiver', 'parcelCount', 'weightG', 'goods');
    const hostileValue = fc.oneof(
      fc.anything(), fc.string({ maxLength: 300 }), fc.constantFrom('', 'a\u0000b', 'x'.repeat(5000), '../../etc', -1, 1e308, 21, null, [], {}, { $ne: 1 }),
    );
    const mutated = fc.record({ n: fc.nat({ max: 9 }), field, value: hostileValue, extra: fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: undefined }) })
      .map(({ n, field: f, value, extra }) => ({ ...request(n), [f]: value, ...(extra ? { [`_${extra}`]: 1 } : {}) }));
    const body = fc.oneof(
      fc.record({ provider: fc.constantFrom('kuaidi100', 'kdniao', 'KUAIDI100', 'nope', ''), requests: fc.array(mutated, { minLength: 1, maxLength: 3 }) }).map((b) => ({ ...versions, ...b })),
      fc.record({ provider: fc.anything(), requests: fc.anything() }).map((b) => ({ ...versions, ...b })),
      fc.constant({ ...versions, provider: 'kuaidi100', requests: [] }),
      fc.constant({ ...versions, provider: 'kuaidi100', requests: Array.from({ length: 201 }, (_, i) => request(i)) }),
    ).filter((b) => !hubIssueRequestSchema.safeParse(b).success);
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const reply = (await call(h.url, packer.token, 'POST', '/waybills/issue', b)) as IssueReply;
        expect(reply.status).toBe(400);
        expect(reply.body.error).toBe('invalid');
      }),
      { numRuns: 60 },
    );
    expect(await h.hub.head()).toBe(head);
    expect(fake.calls).toEqual([]);
    expect((await h.hub.backup()).tables.hub_provider_waybills).toEqual([]);
  });
});

describe('the hub e-waybill accounts: file, CLI (packdesk providers keys|test --hub)', () => {
  const storage = hubStorage('sqlite');
  afterAll(() => storage.dispose());
  const { t } = createTranslator('en');

  it('stores the account 0600, never prints or echoes a key, names a bad field only, and checks each account', async () => {
    const { dataDir } = await storage.fresh();
    const fake = await startKuaidi100LabelFake({ key: KEY, secret: SECRET, partners: { zhongtong: PARTNER } });
    const printed: string[] = [];
    const logSpy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
    const errSpy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      const file = `${dataDir}/k100.json`;
      const { writeFileSync } = await import('node:fs');
      // A bad field: the error names it, never the value.
      writeFileSync(file, JSON.stringify({ ...account(fake.url), secret: `${SECRET}\u0007` }));
      const bad = await runProvidersHub(['keys', 'kuaidi100'], { 'data-dir': dataDir!, file, hub: true }, t).then(() => null, (e: unknown) => e);
      expect(bad).toBeInstanceOf(AppError);
      expect((bad as AppError).msg).toMatchObject({ key: 'hubWaybills.keys.badField', params: { field: 'secret' } });
      expect(JSON.stringify((bad as AppError).msg)).not.toContain(SECRET);

      writeFileSync(file, JSON.stringify(account(fake.url)));
      await runProvidersHub(['keys', 'kuaidi100'], { 'data-dir': dataDir!, file, hub: true }, t);
      expect(printed.join('\n')).toContain(HUB_WAYBILL_KEYS_FILE);
      const stored = hubWaybillKeysFile(dataDir!);
      if (process.platform !== 'win32') expect(statSync(stored).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(stored, 'utf8'))).toMatchObject({ kuaidi100: { key: KEY, secret: SECRET } });

      await runProvidersHub(['test'], { 'data-dir': dataDir!, hub: true }, t);
      expect(printed.at(-1)).toMatch(/^快递100: account OK \(.+\)$/);
      expect(fake.calls.map((c) => c.method)).toEqual(['printOld']);

      writeFileSync(file, JSON.stringify(account(fake.url, 'WRONG-SECRET')));
      await runProvidersHub(['keys', 'kuaidi100'], { 'data-dir': dataDir!, file, hub: true }, t);
      const failed = await runProvidersHub(['test'], { 'data-dir': dataDir!, hub: true, provider: 'kuaidi100' }, t).then(() => null, (e: unknown) => e);
      expect((failed as AppError).msg).toMatchObject({ key: 'cli.providersHub.someFailed', params: { count: 1 } });
      expect(printed.at(-1)).toContain('signature');
      expect(printed.join('\n')).not.toContain(SECRET);
      expect(printed.join('\n')).not.toContain('WRONG-SECRET');
      expect(printed.join('\n')).not.toContain(KEY);
    } finally {
      logSpy.mockRestore();
      errSpy.mockRestore();
      await fake.close();
    }
  });
});
