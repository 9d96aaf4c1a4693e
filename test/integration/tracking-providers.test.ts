import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { kdniaoProvider } from '../../electron/hub/tracking/kdniao.provider';
import { kuaidi100Provider } from '../../electron/hub/tracking/kuaidi100.provider';
import { querySign } from '../../electron/hub/tracking/kuaidi100.wire';
import { TrackingProviderError, type TrackingProvider } from '../../electron/hub/tracking/tracking-provider';
import { startKdniaoFake, type KdniaoFake } from '../fakes/kdniao.fake';
import { startKuaidi100Fake, type Kuaidi100Fake } from '../fakes/kuaidi100.fake';
import { startFakeServer } from '../fakes/provider-fake-http';

const YT = { carrierCode: 'YTO', trackingNo: 'YT7400000000001', phoneTail: '' };
const nodes = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    ftime: `2026-03-${String(10 + Math.floor(i / 24)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:00:00`,
    context: `快件到达第${i}站`, areaName: '浙江,杭州市', status: '在途', statusCode: '1002',
  }));
const kindOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (error) {
    if (!(error instanceof TrackingProviderError)) throw error;
    return error.kind;
  }
};

describe('快递100 adapter against the fake', () => {
  let fake: Kuaidi100Fake;
  afterEach(() => fake?.close());
  const start = async (quota?: number) => {
    fake = await startKuaidi100Fake({ key: 'TESTKEY', customer: 'TESTCUSTOMER0000', ...(quota === undefined ? {} : { quota }) });
    return kuaidi100Provider({ key: 'TESTKEY', customer: 'TESTCUSTOMER0000', salt: 'SALT123', callbackUrl: 'http://127.0.0.1:9/cb', endpoint: fake.url });
  };

  it('reads the full trace, oldest first, with states, cities and the destination', async () => {
    const p = await start();
    fake.setParcel({ com: 'yuantong', num: YT.trackingNo, state: '0', nodes: nodes(150), routeTo: '浙江,杭州市' });
    const r = await p.query(YT);
    expect(r.events).toHaveLength(150);
    expect(r.events[0]!.at < r.events.at(-1)!.at).toBe(true);
    expect(r).toMatchObject({ state: 'in-transit', destCity: '杭州市', final: false });
    expect(r.events[0]).toMatchObject({ at: '2026-03-10T00:00:00+08:00', state: 'in-transit', city: '杭州市', text: '快件到达第0站' });
  });

  it('sends the phone tail 顺丰 and 中通 need; without it the answer is 408 → phone-required', async () => {
    const p = await start();
    fake.setParcel({ com: 'shunfeng', num: 'SF1400000000001', state: '1', nodes: nodes(1), phone: '13800001234' });
    expect(await kindOf(p.query({ carrierCode: 'SF', trackingNo: 'SF1400000000001', phoneTail: '' }))).toBe('phone-required');
    expect((await p.query({ carrierCode: 'SF', trackingNo: 'SF1400000000001', phoneTail: '1234' })).state).toBe('accepted');
    expect(fake.queries.map((q) => [q.phone, q.code])).toEqual([[undefined, '408'], ['1234', '200']]);
  });

  it('every documented returnCode becomes a clear error kind', async () => {
    const p = await start();
    fake.setParcel({ com: 'yuantong', num: YT.trackingNo, state: '0', nodes: nodes(1) });
    const expected: Record<string, string> = { '400': 'bad-request', '408': 'phone-required', '500': 'no-trace', '501': 'server-error', '502': 'busy', '503': 'signature', '601': 'quota' };
    for (const [code, kind] of Object.entries(expected)) {
      fake.state.failNext.push(code);
      const error = await p.query(YT).catch((e: unknown) => e);
      expect(error, code).toBeInstanceOf(TrackingProviderError);
      expect((error as TrackingProviderError).kind).toBe(kind);
      expect((error as TrackingProviderError).msg).toMatchObject({ key: `trackingHub.error.${kind}`, params: { provider: 'kuaidi100', code } });
    }
    expect(await kindOf(p.query({ ...YT, trackingNo: 'YT7400000000999' }))).toBe('no-trace');
    expect(await kindOf(p.query({ carrierCode: 'GTO', trackingNo: 'GT123456789', phoneTail: '' }))).toBe('bad-request'); // the fake does not know 国通
    expect(await kindOf(p.query({ carrierCode: 'OTHER', trackingNo: 'X123456789', phoneTail: '' }))).toBe('unsupported-carrier');
  });

  it('a wrong key is a signature failure (503); the quota runs out into 601', async () => {
    await start(1);
    const wrong = kuaidi100Provider({ key: 'WRONG', customer: 'TESTCUSTOMER0000', salt: null, callbackUrl: null, endpoint: fake.url });
    expect(await kindOf(wrong.query(YT))).toBe('signature');
    const p = kuaidi100Provider({ key: 'TESTKEY', customer: 'TESTCUSTOMER0000', salt: null, callbackUrl: null, endpoint: fake.url });
    expect(await kindOf(p.query(YT))).toBe('no-trace');
    expect(await kindOf(p.query(YT))).toBe('quota');
  });

  it('the fake refuses any tampered param: the sign covers the exact bytes sent', async () => {
    await start();
    fake.setParcel({ com: 'yuantong', num: YT.trackingNo, state: '0', nodes: nodes(1) });
    const param = JSON.stringify({ com: 'yuantong', num: YT.trackingNo });
    const sign = querySign(param, 'TESTKEY', 'TESTCUSTOMER0000');
    const post = (p: string) =>
      fetch(`${fake.url}/poll/query.do`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ customer: 'TESTCUSTOMER0000', sign, param: p }) }).then((r) => r.json() as Promise<{ returnCode?: string }>);
    expect((await post(param)).returnCode).toBeUndefined();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: param.length - 1 }), fc.string({ minLength: 1, maxLength: 3 }), async (at, insert) => {
        const tampered = param.slice(0, at) + insert + param.slice(at);
        fc.pre(tampered !== param);
        expect((await post(tampered)).returnCode).toBe('503');
      }),
      { numRuns: 40 },
    );
  });

  it('subscribe: 200 and 501 (already subscribed) are done; 600, 700, 701 are clear errors', async () => {
    const p = await start();
    await p.subscribe(YT);
    expect(fake.subscriptions.get(`yuantong:${YT.trackingNo}`)).toMatchObject({ salt: 'SALT123', callbackurl: 'http://127.0.0.1:9/cb', status: 'polling' });
    await p.subscribe(YT);
    fake.state.refusesSubscription.add('zhongtong');
    expect(await kindOf(p.subscribe({ carrierCode: 'ZTO', trackingNo: '73100000000001', phoneTail: '' }))).toBe('carrier-refuses');
    expect(await kindOf(p.subscribe({ ...YT, trackingNo: 'Y1' }))).toBe('bad-request');
    const wrong = kuaidi100Provider({ key: 'WRONG', customer: 'C', salt: 'S', callbackUrl: 'http://127.0.0.1:9/cb', endpoint: fake.url });
    expect(await kindOf(wrong.subscribe(YT))).toBe('credentials');
    fake.state.keyExpired = true;
    expect(await kindOf(p.subscribe({ ...YT, trackingNo: 'YT7400000000002' }))).toBe('quota');
  });

  it('slow answers time out and dropped connections are unreachable: both retryable kinds', async () => {
    const p = await start();
    fake.controls.dropNext = 1;
    expect(await kindOf(p.query(YT))).toBe('unreachable');
    const slow = kuaidi100Provider({ key: 'TESTKEY', customer: 'TESTCUSTOMER0000', salt: null, callbackUrl: null, endpoint: fake.url });
    fake.controls.slowMs = 400;
    const { postForm } = await import('../../electron/hub/tracking/provider-http');
    expect(await kindOf(postForm('kuaidi100', { url: `${fake.url}/poll/query.do`, fields: {}, timeoutMs: 100 }))).toBe('timeout');
    fake.controls.slowMs = 0;
    expect(await kindOf(slow.query(YT))).toBe('no-trace');
  });
});

describe('快递鸟 adapter against the fake', () => {
  let fake: KdniaoFake;
  afterEach(() => fake?.close());
  const provider = (over: Partial<Parameters<typeof kdniaoProvider>[0]> = {}): TrackingProvider =>
    kdniaoProvider({ businessId: '1234567', appKey: 'test-app-key', queryType: '8001', callbackUrl: null, endpoint: fake.url, ...over });

  it('8001: traces, StateEx and Location; 1002: the basic State', async () => {
    fake = await startKdniaoFake({ businessId: '1234567', appKey: 'test-app-key' });
    fake.setParcel({
      ShipperCode: 'YD', LogisticCode: '4300000000001', State: '2', StateEx: '202', Location: '宁波市',
      Traces: [{ AcceptTime: '2026-03-12 18:00:00', AcceptStation: '派件中', Location: '宁波市', Action: '202' }, { AcceptTime: '2026-03-12 08:00:00', AcceptStation: '已揽收', Location: '东莞市', Action: '1' }],
    });
    const r = await provider().query({ carrierCode: 'YUNDA', trackingNo: '4300000000001', phoneTail: '' });
    expect(r.events.map((e) => [e.state, e.city])).toEqual([['accepted', '东莞市'], ['out-for-delivery', '宁波市']]);
    expect(r.state).toBe('out-for-delivery');
    const basic = await provider({ queryType: '1002' }).query({ carrierCode: 'YUNDA', trackingNo: '4300000000001', phoneTail: '' });
    expect(basic.state).toBe('in-transit');
    expect(basic.events.map((e) => e.city)).toEqual(['', '']);
    const none = await provider().query({ carrierCode: 'YUNDA', trackingNo: '4300000000099', phoneTail: '' });
    expect(none).toMatchObject({ state: null, events: [] });
  });

  it('every failure reason becomes a clear error kind; the daily limit is quota', async () => {
    fake = await startKdniaoFake({ businessId: '1234567', appKey: 'test-app-key', dailyLimit: 2, plan: '1002' });
    const yt = { carrierCode: 'YTO', trackingNo: 'YT7400000000001', phoneTail: '' };
    expect(await kindOf(provider({ appKey: 'wrong' }).query(yt))).toBe('signature');
    expect(await kindOf(provider().query(yt))).toBe('not-enabled');
    const free = provider({ queryType: '1002' });
    fake.setParcel({ ShipperCode: 'SF', LogisticCode: 'SF1400000000001', State: '1', Traces: [{ AcceptTime: '2026-03-12 08:00:00', AcceptStation: '已揽收' }], phone: '13800001234' });
    expect(await kindOf(free.query({ carrierCode: 'SF', trackingNo: 'SF1400000000001', phoneTail: '0000' }))).toBe('bad-request');
    expect((await free.query({ carrierCode: 'SF', trackingNo: 'SF1400000000001', phoneTail: '1234' })).state).toBe('accepted');
    expect(await kindOf(free.query(yt))).toBe('quota');
    expect(fake.calls.at(-1)).toMatchObject({ code: '405' });
  });

  it('an unknown ShipperCode is unsupported-carrier; slow and dropped are retryable', async () => {
    fake = await startKdniaoFake({ businessId: '1234567', appKey: 'test-app-key' });
    // 国通 has no 快递鸟 code at all: refused before the call.
    expect(await kindOf(provider().query({ carrierCode: 'GTO', trackingNo: 'GT123456789', phoneTail: '' }))).toBe('unsupported-carrier');
    expect(await kindOf(provider().query({ carrierCode: 'KYE', trackingNo: 'KY123456789', phoneTail: '' }))).toBe('unsupported-carrier');
    fake.controls.dropNext = 1;
    expect(await kindOf(provider().query({ carrierCode: 'YTO', trackingNo: 'YT7400000000001', phoneTail: '' }))).toBe('unreachable');
  });

  it('1008 subscribes on /api/dist', async () => {
    fake = await startKdniaoFake({ businessId: '1234567', appKey: 'test-app-key' });
    await provider({ callbackUrl: 'http://127.0.0.1:9/cb' }).subscribe({ carrierCode: 'ZTO', trackingNo: '73100000000001', phoneTail: '' });
    expect([...fake.subscribed]).toEqual(['ZTO:73100000000001']);
  });
});

describe('hostile provider replies', () => {
  it('whatever a provider answers, a query ends in a report or a TrackingProviderError, never anything else', async () => {
    let answer: unknown = null;
    const server = await startFakeServer({ slowMs: 0, dropNext: 0 }, () => answer);
    try {
      const providers = [
        kuaidi100Provider({ key: 'K', customer: 'C', salt: null, callbackUrl: null, endpoint: server.url }),
        kdniaoProvider({ businessId: 'B', appKey: 'A', queryType: '8001', callbackUrl: null, endpoint: server.url }),
      ];
      const shaped = fc.oneof(
        fc.jsonValue({ maxDepth: 5 }),
        fc.record({ returnCode: fc.oneof(fc.string(), fc.integer()), message: fc.string() }),
        fc.record({ Success: fc.boolean(), Reason: fc.option(fc.string()), LogisticCode: fc.string(), Traces: fc.array(fc.record({ AcceptTime: fc.string(), AcceptStation: fc.string() }), { maxLength: 3 }) }),
        fc.record({ nu: fc.string(), com: fc.string(), state: fc.string(), data: fc.array(fc.record({ ftime: fc.string(), context: fc.string() }), { maxLength: 3 }) }),
      );
      await fc.assert(
        fc.asyncProperty(shaped, async (value) => {
          answer = value;
          for (const p of providers) {
            const outcome = await p.query(YT).then(
              (r) => r.events.every((e) => /\+08:00$/.test(e.at)),
              (e: unknown) => e instanceof TrackingProviderError,
            );
            expect(outcome).toBe(true);
          }
        }),
        { numRuns: 60 },
      );
    } finally {
      await server.close();
    }
  });
});
