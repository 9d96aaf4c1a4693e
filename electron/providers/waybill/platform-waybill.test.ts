import { createServer, type Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTranslator } from '#shared/i18n/translator';
import { pddDocumentedErrors, startPddWaybillFake, type PddWaybillFake } from '../../../test/fakes/pdd-waybill.fake';
import { startTopWaybillFake, topDocumentedErrors, type TopWaybillFake } from '../../../test/fakes/top-waybill.fake';
import { cainiaoProvider, type CainiaoConfig } from './cainiao.provider';
import { pinduoduoProvider, type PinduoduoConfig } from './pinduoduo.provider';
import { popSign } from './pop-sign';
import { topSign, topTimestamp } from './top-sign';
import { WaybillProviderError, type WaybillErrorKind, type WaybillProvider, type WaybillRequest } from './waybill-provider';

// The vectors research/providers.md §3.2 and §4.2 pin (computed from the documented algorithms with dummy keys).
describe('signatures (pinned vectors)', () => {
  const top = { method: 'cainiao.waybill.ii.cancel', app_key: '12345678', session: 'test-session', timestamp: '2024-01-01 12:00:00', format: 'json', v: '2.0', sign_method: 'md5', cp_code: 'ZTO', waybill_code: '75000000000001' };
  it('TOP md5: UPPER(MD5(secret + sorted k+v + secret))', () => expect(topSign(top, 'testsecret', 'md5')).toBe('FFB89EC697F387E8E8A7CDE818C946D4'));
  it('TOP hmac: UPPER(HMAC_MD5(secret, sorted k+v))', () => expect(topSign({ ...top, sign_method: 'hmac' }, 'testsecret', 'hmac')).toBe('7297B61A904A6D4D59CAF5477DDFF690'));
  it('TOP timestamps are Beijing time whatever the station zone', () => expect(topTimestamp(new Date('2024-01-01T04:00:00Z'))).toBe('2024-01-01 12:00:00'));
  it('PDD: UPPER(MD5(client_secret + sorted k+v + client_secret)), empty values left out', () => {
    const pdd = { type: 'pdd.waybill.cancel', client_id: 'testclientid', access_token: 'testtoken', timestamp: '1700000000', data_type: 'JSON', version: 'V1', wp_code: 'ZTO', waybill_code: '75000000000001' };
    expect(popSign(pdd, 'testclientsecret')).toBe('BEADD638E3BE528BACB8A3055029924C');
    expect(popSign({ ...pdd, sign: 'x', extra: '' }, 'testclientsecret')).toBe('BEADD638E3BE528BACB8A3055029924C');
  });
});

const branch = { province: '浙江省', city: '杭州市', district: '余杭区', detail: '仓前街道文一西路100号' };
const sender = { name: '小王', mobile: '13800000000', phone: '', ...branch };
const receiver = { name: '李四', mobile: '13900001111', phone: '', province: '广东省', city: '深圳市', district: '南山区', detail: '科技园路1号' };
const request = (over: Partial<WaybillRequest> = {}): WaybillRequest => ({
  requestKey: 'ord1001_p1', carrierCode: 'ZTO', platformOrderIds: ['3900000000001'], sender, receiver, parcelCount: 1, weightG: 800, goods: 'T恤 x2', ...over,
});
const templates = { ZTO: { url: 'http://cloudprint.cainiao.com/template/standard/101/1', size: '76x130' }, YTO: { url: 'http://cloudprint.cainiao.com/template/standard/201/1', size: '100x180' } };
const translators = [createTranslator('zh-CN'), createTranslator('en')];

async function failure(work: Promise<unknown>): Promise<WaybillProviderError> {
  const e = await work.then(() => null, (error: unknown) => error);
  expect(e).toBeInstanceOf(WaybillProviderError);
  const err = e as WaybillProviderError;
  // What a person reads: rendered in both languages, every placeholder filled.
  for (const { t } of translators) expect(t(err.msg)).not.toMatch(/\{\{|waybillProvider\./);
  return err;
}

type Platform = {
  name: 'cainiao' | 'pinduoduo';
  start(): Promise<TopWaybillFake | PddWaybillFake>;
  provider(url: string, over?: Record<string, unknown>): WaybillProvider;
  /** Each documented error, pushed to the fake, and the kind it must map to. */
  documented: { push(fake: TopWaybillFake | PddWaybillFake): void; code: string; kind: WaybillErrorKind }[];
  badCredentials: Record<string, unknown>;
  badSession: Record<string, unknown>;
};

const subscriptions = () => ({ ZTO: { address: branch, balance: 100 }, YTO: { address: branch, balance: 0 } });
const topKinds: Record<string, WaybillErrorKind> = {
  '7': 'quota', '9': 'invalid', '10': 'transient', '11': 'auth', '12': 'auth', '15/isp.remote-service-error': 'transient', '15/isv.invalid-parameter': 'invalid',
  '21': 'invalid', '22': 'invalid', '23': 'invalid', '24': 'auth', '25': 'auth', '26': 'auth', '27': 'auth', '28': 'auth', '29': 'auth', '30': 'auth', '31': 'auth',
  '32': 'invalid', '33': 'invalid', '34': 'invalid', '40': 'invalid', '41': 'invalid',
};
const pddKinds: Record<string, WaybillErrorKind> = {
  '10000': 'invalid', '10001': 'invalid', '10016': 'auth', '10017': 'invalid', '10019': 'auth', '20004': 'auth', '20005': 'auth', '20031': 'auth', '20032': 'auth',
  '21001': 'invalid', '21002': 'invalid', '50000': 'transient', '50001': 'transient', '50002': 'transient', '52101': 'quota', '70031': 'quota', '70036': 'quota',
};

const platforms: Platform[] = [
  {
    name: 'cainiao',
    start: () => startTopWaybillFake({ appKey: '12345678', secret: 'testsecret', sellers: [{ session: 'sess-1', userId: '2200000001', subscriptions: subscriptions() }] }),
    provider: (url, over = {}) => cainiaoProvider({ appKey: '12345678', appSecret: 'testsecret', session: 'sess-1', signMethod: 'md5', userId: '2200000001', templates, endpoint: url, timeoutMs: 1000, ...over } as CainiaoConfig),
    documented: topDocumentedErrors.map((e) => ({ push: (f) => (f as TopWaybillFake).state.failNext.push(e), code: e.sub_code ? `${e.code}/${e.sub_code}` : String(e.code), kind: topKinds[e.sub_code ? `${e.code}/${e.sub_code}` : String(e.code)]! })),
    badCredentials: { appSecret: 'wrong' },
    badSession: { session: 'sess-unknown' },
  },
  {
    name: 'pinduoduo',
    start: () => startPddWaybillFake({ clientId: 'testclientid', clientSecret: 'testclientsecret', sellers: [{ accessToken: 'tok-1', userId: '9000001', subscriptions: subscriptions() }] }),
    provider: (url, over = {}) => pinduoduoProvider({ clientId: 'testclientid', clientSecret: 'testclientsecret', accessToken: 'tok-1', userId: '9000001', templates, endpoint: url, timeoutMs: 1000, ...over } as PinduoduoConfig),
    documented: pddDocumentedErrors.map((e) => ({ push: (f) => (f as PddWaybillFake).state.failNext.push(e), code: String(e.error_code), kind: pddKinds[String(e.error_code)]! })),
    badCredentials: { clientSecret: 'wrong' },
    badSession: { accessToken: 'tok-unknown' },
  },
];

describe.each(platforms)('$name e-waybills against the fake', (platform) => {
  let fake: TopWaybillFake | PddWaybillFake;
  let provider: WaybillProvider;
  beforeAll(async () => {
    fake = await platform.start();
    provider = platform.provider(fake.url);
  });
  afterAll(() => fake.close());
  const lastAnswer = () => fake.calls.at(-1)?.answer;

  it('issues a number with the encrypted print data passed on unchanged, the template size, no routing', async () => {
    const issued = await provider.issue(request());
    expect(lastAnswer()).toBe('ok'); // the fake checked the signature, timestamp and token
    expect(issued.trackingNo).toMatch(/^[A-Z0-9]{12,16}$/);
    expect(issued).toMatchObject({ childNumbers: [], carrierCode: 'ZTO', templateSize: '76x130' });
    expect(issued.printData?.encryptedData).toMatch(/^AES:/);
    expect(issued.printData?.signature).toMatch(/^MD:/);
    expect(issued.printData).toMatchObject({ templateUrl: templates.ZTO.url, ver: 'waybill_print_secret_version_1' });
    expect(Object.values(issued.routing).every((v) => v === null)).toBe(true);
    expect(provider.carriers()).toEqual(['ZTO', 'YTO']);
  });

  it('asking again with the same key gives the same number, also after a reply lost to a timeout', async () => {
    const first = await provider.issue(request({ requestKey: 'ord2002:p1' }));
    const again = await provider.issue(request({ requestKey: 'ord2002:p1' }));
    expect(again.trackingNo).toBe(first.trackingNo);
    const liveBefore = fake.ledger.live().length;
    fake.controls.slowMs = 1500; // the adapter gives up at 1 s; the fake issues the number anyway
    expect((await failure(provider.issue(request({ requestKey: 'ord2003:p1', platformOrderIds: ['3900000000003'] })))).kind).toBe('transient');
    fake.controls.slowMs = 0;
    await vi.waitFor(() => expect(fake.ledger.live()).toHaveLength(liveBefore + 1), { timeout: 3000 });
    const retried = await provider.issue(request({ requestKey: 'ord2003:p1', platformOrderIds: ['3900000000003'] }));
    expect(fake.ledger.live()).toHaveLength(liveBefore + 1);
    expect(fake.ledger.live()).toContain(retried.trackingNo);
    const other = await provider.issue(request({ requestKey: 'ord2002:p2' }));
    expect(other.trackingNo).not.toBe(first.trackingNo);
  });

  it('a dropped connection or a slow platform is transient', async () => {
    fake.controls.dropNext = 1;
    const dropped = await failure(provider.issue(request()));
    expect(dropped.kind).toBe('transient');
    expect(dropped.msg.key).toBe('waybillProvider.platform.unreachable');
    fake.controls.slowMs = 1500;
    const calls = fake.calls.length;
    const slow = await failure(provider.check());
    fake.controls.slowMs = 0;
    await vi.waitFor(() => expect(fake.calls.length).toBe(calls + 1), { timeout: 3000 }); // the late answer, before the next test
    expect(slow.msg.key).toBe('waybillProvider.platform.timeout');
  });

  it('maps every documented error code to a kind with a message', async () => {
    for (const d of platform.documented) {
      d.push(fake);
      const e = await failure(provider.issue(request()));
      expect([d.code, e.kind]).toEqual([d.code, d.kind]);
      expect(e.providerCode).toBe(d.code);
    }
  });

  it('refuses a clock more than 10 minutes off (and takes 9)', async () => {
    const skewed = (ms: number) => platform.provider(fake.url, { now: () => new Date(Date.now() + ms) });
    const e = await failure(skewed(11 * 60_000).check());
    expect([e.kind, e.msg.key]).toEqual(['auth', 'waybillProvider.platform.clock']);
    await expect(skewed(-9 * 60_000).check()).resolves.toBeUndefined();
  });

  it('bad credentials and an unknown seller authorisation are auth failures; check() passes with good ones', async () => {
    await expect(provider.check()).resolves.toBeUndefined();
    expect((await failure(platform.provider(fake.url, platform.badCredentials).check())).kind).toBe('auth');
    const session = await failure(platform.provider(fake.url, platform.badSession).issue(request()));
    expect([session.kind, session.msg.key]).toEqual(['auth', 'waybillProvider.platform.session']);
  });

  it('business refusals: an empty balance is quota; a carrier not opened, a masked receiver are per order', async () => {
    expect((await failure(provider.issue(request({ carrierCode: 'YTO' })))).kind).toBe('quota');
    expect((await failure(provider.issue(request({ carrierCode: 'SF' })))).msg.key).toBe('waybillProvider.platform.noTemplate');
    const notOpened = platform.provider(fake.url, { templates: { ...templates, STO: templates.ZTO } });
    expect((await failure(notOpened.issue(request({ carrierCode: 'STO' })))).kind).toBe('invalid');
    const calls = fake.calls.length;
    const masked = await failure(provider.issue(request({ receiver: { ...receiver, name: '李*', mobile: '139****1111' } })));
    expect([masked.kind, masked.msg.key, fake.calls.length]).toEqual(['invalid', 'waybillProvider.platform.masked', calls]);
  });

  it('cancels a live number once; after that the number is not found and the key issues a new one', async () => {
    const issued = await provider.issue(request({ requestKey: 'ord3003_p1', platformOrderIds: ['3900000000033'] }));
    await provider.cancel({ carrierCode: 'ZTO', trackingNo: issued.trackingNo, requestKey: 'ord3003_p1' });
    expect(fake.ledger.live()).not.toContain(issued.trackingNo);
    expect((await failure(provider.cancel({ carrierCode: 'ZTO', trackingNo: issued.trackingNo, requestKey: 'ord3003_p1' }))).kind).toBe('not-found');
    expect((await failure(provider.cancel({ carrierCode: 'ZTO', trackingNo: '75009999999999', requestKey: 'x' }))).kind).toBe('not-found');
    const reissued = await provider.issue(request({ requestKey: 'ord3003_p1', platformOrderIds: ['3900000000033'] }));
    expect(reissued.trackingNo).not.toBe(issued.trackingNo);
    fake.state.refuseCancel = true;
    const refused = await failure(provider.cancel({ carrierCode: 'ZTO', trackingNo: reissued.trackingNo, requestKey: 'ord3003_p1' }));
    fake.state.refuseCancel = false;
    expect([refused.kind, refused.msg.key]).toEqual(['invalid', 'waybillProvider.platform.cancelRefused']);
  });

  it('reads the routing when the platform sends plain print data', async () => {
    fake.ledger.state.plainPrintData = true;
    const issued = await provider.issue(request({ requestKey: 'ord4004_p1', platformOrderIds: ['3900000000044'] }));
    fake.ledger.state.plainPrintData = false;
    expect(issued.printData).toBeNull();
    expect(issued.routing).toEqual({ sortCode: 'B003 000', routeCode: '470', hubCode: 'J210039', hubName: '南京市内包', originCode: '455387', destinationCode: null });
  });
});

describe('platform specifics', () => {
  it('菜鸟: hmac signing, OAID orders without the masked details, 子母件 with a parent number', async () => {
    const fake = await platforms[0]!.start() as TopWaybillFake;
    try {
      const provider = platforms[0]!.provider(fake.url, { signMethod: 'hmac' });
      const oaid = await provider.issue(request({ requestKey: 'ord5005_p1', oaid: 'OAIDxyz', receiver: { ...receiver, name: '李*', mobile: '139****1111', detail: '科技园路****' } }));
      expect(oaid.trackingNo).toMatch(/^7500/);
      const sent = JSON.parse(fake.calls.at(-1)!.fields['param_waybill_cloud_print_apply_new_request']!) as { trade_order_info_dtos: { recipient: Record<string, unknown> }[] };
      expect(sent.trade_order_info_dtos[0]!.recipient).toEqual({ oaid: 'OAIDxyz', tid: '3900000000001', address: { province: '广东省', city: '深圳市', district: '南山区' } });
      const multi = await provider.issue(request({ requestKey: 'ord6006', parcelCount: 3 }));
      expect(multi.childNumbers).toHaveLength(2);
      expect(multi.childNumbers).not.toContain(multi.trackingNo);
      expect(fake.ledger.live()).toEqual(expect.arrayContaining([multi.trackingNo, ...multi.childNumbers]));
      // Each child parcel gets its own label from the component: its own print data, not the parent's.
      expect(multi.childPrintData).toHaveLength(2);
      expect(multi.childPrintData!.every((d) => d !== null && d.encryptedData !== multi.printData?.encryptedData)).toBe(true);
      expect((await failure(provider.issue(request({ parcelCount: 11 })))).msg.key).toBe('waybillProvider.platform.tooManyParcels');
    } finally {
      await fake.close();
    }
  });

  it('拼多多: no 一票多件 (a number per parcel), wp_codes of its own, an expired token', async () => {
    const fake = await startPddWaybillFake({ clientId: 'c', clientSecret: 's', sellers: [{ accessToken: 'old', userId: '1', expired: true, subscriptions: { HT: { address: branch, balance: 5 } } }, { accessToken: 't', userId: '1', subscriptions: { HT: { address: branch, balance: 5 } } }] });
    try {
      const provider = pinduoduoProvider({ clientId: 'c', clientSecret: 's', accessToken: 't', userId: '1', templates: { HTKY: templates.ZTO }, endpoint: fake.url });
      expect((await failure(provider.issue(request({ carrierCode: 'HTKY', parcelCount: 2 })))).msg.key).toBe('waybillProvider.platform.multiParcel');
      expect((await provider.issue(request({ carrierCode: 'HTKY' }))).trackingNo).toMatch(/^YT/);
      expect(fake.calls.at(-1)!.fields['param_waybill_cloud_print_apply_new_request']).toContain('"wp_code":"HT"');
      const expired = pinduoduoProvider({ clientId: 'c', clientSecret: 's', accessToken: 'old', userId: '1', templates: { HTKY: templates.ZTO }, endpoint: fake.url });
      expect((await failure(expired.check())).msg.key).toBe('waybillProvider.platform.session');
    } finally {
      await fake.close();
    }
  });
});

describe('hostile replies never crash an adapter', () => {
  let server: Server;
  let url = '';
  let reply = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(reply));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const module = fc.record({
    object_id: fc.oneof(fc.constant('ord1001_p1'), fc.string({ maxLength: 70 }), fc.constant(null)),
    waybill_code: fc.oneof(fc.constant('75001234567890'), fc.string({ maxLength: 50 }), fc.integer()),
    print_data: fc.oneof(fc.json(), fc.constant('{"encryptedData":"AES:x","signature":"MD:y","ver":"v"}'), fc.constant('{"encryptedData":"AES:x","signature":"s","templateURL":"t","ver":"v"}'), fc.string()),
    parent_waybill_code: fc.oneof(fc.constant(''), fc.string({ maxLength: 45 }), fc.constant(null)),
  }, { requiredKeys: [] });
  const body = fc.oneof(
    fc.json().map((j) => j),
    fc.string(),
    fc.array(module, { maxLength: 12 }).map((m) => JSON.stringify({ cainiao_waybill_ii_get_response: { modules: { waybill_cloud_print_response: m } }, pdd_waybill_get_response: { modules: m } })),
    fc.record({ error_response: fc.dictionary(fc.constantFrom('code', 'msg', 'sub_code', 'sub_msg', 'error_code', 'error_msg'), fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.json())) }).map((x) => JSON.stringify(x)),
    fc.integer({ min: 25, max: 200 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  );

  it.each(['cainiao', 'pinduoduo'] as const)('%s: issue either returns a sound waybill or throws a WaybillProviderError', async (name) => {
    const provider = name === 'cainiao' ? platforms[0]!.provider(url) : platforms[1]!.provider(url);
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        reply = text;
        try {
          const issued = await provider.issue(request());
          expect(issued.trackingNo).toMatch(/^[A-Za-z0-9-]{1,40}$/);
          expect(issued.printData === null || issued.printData.templateUrl.length > 0).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(WaybillProviderError);
        }
      }),
      { numRuns: 150 },
    );
  });
});
