import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { kdniaoEOrderProvider, type KdniaoEOrderConfig } from '../../electron/providers/waybill/kdniao-eorder.provider';
import { kuaidi100LabelProvider, type Kuaidi100LabelConfig } from '../../electron/providers/waybill/kuaidi100-label.provider';
import { WaybillProviderError, type WaybillParty, type WaybillRequest } from '../../electron/providers/waybill/waybill-provider';
import { EORDER_PATH, KDNIAO_DOCUMENTED_CODES, SANDBOX_PATH, startKdniaoEOrderFake, type KdniaoEOrderFake } from '../fakes/kdniao-eorder.fake';
import { KUAIDI100_DOCUMENTED_CODES, LABEL_PATH, startKuaidi100LabelFake, type Kuaidi100LabelFake } from '../fakes/kuaidi100-label.fake';
import { RawReply, startFakeServer } from '../fakes/provider-fake-http';

const sender: WaybillParty = { name: '王店长', mobile: '13800000000', phone: '', province: '广东省', city: '东莞市', district: '长安镇', detail: '振安路1号' };
const receiver: WaybillParty = { name: '李四', mobile: '13900001234', phone: '', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路3号楼#201 A&B<公司>' };
const request = (over: Partial<WaybillRequest> = {}): WaybillRequest => ({
  requestKey: 'TB4001-1', carrierCode: 'ZTO', platformOrderIds: ['4001'], sender, receiver, parcelCount: 1, weightG: 1250, goods: 'T恤 x2', ...over,
});
const caught = async (p: Promise<unknown>): Promise<WaybillProviderError> => {
  const e = await p.then(() => null, (error: unknown) => error);
  if (!(e instanceof WaybillProviderError)) throw new Error(`expected a WaybillProviderError, got ${String(e)}`);
  return e;
};
const HANGZHOU = { sortCode: '300-W01', routeCode: '300-W01 00', hubCode: '571001', hubName: '杭州转运中心', originCode: '769001', destinationCode: '571023' };

describe('快递100 电子面单 against the fake', () => {
  let fake: Kuaidi100LabelFake;
  afterEach(() => fake?.close());
  const start = async (over: Partial<Kuaidi100LabelConfig> = {}, balance?: number) => {
    fake = await startKuaidi100LabelFake({ key: 'TESTKEY', secret: 'TESTSECRET', partners: { zhongtong: 'ZT-0001', yuantong: 'YT-0001' }, ...(balance === undefined ? {} : { balance }) });
    return kuaidi100LabelProvider({ key: 'TESTKEY', secret: 'TESTSECRET', accounts: { ZTO: { partnerId: 'ZT-0001', net: '东莞长安' } }, endpoint: fake.url, ...over });
  };

  it('issues a number with its routing data (大头笔, 集包地, 三段码), the request key as orderId', async () => {
    const p = await start();
    const w = await p.issue(request());
    expect(w).toMatchObject({ carrierCode: 'ZTO', childNumbers: [], routing: HANGZHOU, printData: null, templateSize: null });
    expect(w.trackingNo).toMatch(/^7310\d{9}$/);
    expect(w.providerRef).toBe(`KD${w.trackingNo}`);
    const sent = JSON.parse(fake.calls[0]!.param) as Record<string, unknown>;
    expect(sent).toMatchObject({ kuaidicom: 'zhongtong', printType: 'NON', orderId: 'TB4001-1', reorder: false, count: 1, weight: 1.25, partnerId: 'ZT-0001' });
    expect(sent['recMan']).toMatchObject({ name: '李四', printAddr: '浙江省杭州市西湖区文三路3号楼#201 A&B<公司>' });
    expect(p.carriers()).toEqual(['ZTO']);
  });

  it('the same request key gives the same number, never a second one', async () => {
    const p = await start();
    const first = await p.issue(request());
    const again = await p.issue(request());
    expect(again.trackingNo).toBe(first.trackingNo);
    expect((await p.issue(request({ requestKey: 'TB4002-1' }))).trackingNo).not.toBe(first.trackingNo);
    expect(fake.live()).toHaveLength(2);
  });

  it('子母件: 3 parcels → a parent and two children (needChild=1)', async () => {
    const p = await start();
    const w = await p.issue(request({ parcelCount: 3 }));
    expect(w.childNumbers).toHaveLength(2);
    expect(JSON.parse(fake.calls[0]!.param)).toMatchObject({ needChild: '1', count: 3 });
    fake.state.childrenAsArray = true;
    expect((await p.issue(request({ requestKey: 'TB4003-1', parcelCount: 2 }))).childNumbers).toHaveLength(1);
  });

  it('every documented code becomes its kind with a catalog message', async () => {
    const p = await start();
    const expected: Record<string, string> = { '-1': 'transient', '30001': 'invalid', '30002': 'auth', '30003': 'auth', '30004': 'quota', '30009': 'invalid' };
    expect(Object.keys(expected).sort()).toEqual([...KUAIDI100_DOCUMENTED_CODES].sort());
    for (const [code, kind] of Object.entries(expected)) {
      fake.state.failNext.push(code);
      const e = await caught(p.issue(request()));
      expect([code, e.kind]).toEqual([code, kind]);
      expect(e.providerCode).toBe(code);
      expect(e.msg.key).toMatch(/^waybillProvider\.kuaidi100\./);
      expect(e.msg.params).toMatchObject({ code, provider: { key: 'waybillProvider.name.kuaidi100' } });
    }
    expect(fake.live()).toEqual([]);
  });

  it('a wrong secret (30002), key or carrier account (30003) is auth; an empty balance is quota (30004)', async () => {
    await start({}, 1);
    const base = { accounts: { ZTO: { partnerId: 'ZT-0001' } }, endpoint: fake.url };
    expect((await caught(kuaidi100LabelProvider({ key: 'TESTKEY', secret: 'WRONG', ...base }).issue(request()))).providerCode).toBe('30002');
    expect((await caught(kuaidi100LabelProvider({ key: 'WRONG', secret: 'TESTSECRET', ...base }).issue(request()))).kind).toBe('auth');
    const wrongPartner = kuaidi100LabelProvider({ key: 'TESTKEY', secret: 'TESTSECRET', accounts: { ZTO: { partnerId: 'ZT-9999' } }, endpoint: fake.url });
    expect((await caught(wrongPartner.issue(request()))).kind).toBe('auth');
    const p = kuaidi100LabelProvider({ key: 'TESTKEY', secret: 'TESTSECRET', ...base });
    await p.issue(request());
    expect(await caught(p.issue(request({ requestKey: 'TB4009-1' })))).toMatchObject({ kind: 'quota', providerCode: '30004' });
  });

  it('no account for the carrier, or an order missing a phone, is refused before anything is sent', async () => {
    const p = await start();
    expect((await caught(p.issue(request({ carrierCode: 'YTO' })))).msg).toMatchObject({ key: 'waybillProvider.noAccount', params: { carrier: { key: 'carrierNames.YTO' } } });
    expect((await caught(p.issue(request({ receiver: { ...receiver, mobile: '', phone: '' } })))).msg).toMatchObject({ key: 'waybillProvider.badRequest', params: { field: 'receiver.mobile' } });
    expect(fake.calls).toEqual([]);
  });

  it('slow: a timeout is transient, and asking again with the key returns the number issued meanwhile', async () => {
    const p = await start({ timeoutMs: 100 });
    fake.controls.slowMs = 400;
    expect((await caught(p.issue(request()))).msg.key).toBe('waybillProvider.http.timeout');
    await new Promise((r) => setTimeout(r, 500));
    fake.controls.slowMs = 0;
    const w = await p.issue(request());
    expect(fake.live()).toEqual([w.trackingNo]);
  });

  it('a dropped connection or an HTTP 5xx is transient; the next try works', async () => {
    const p = await start();
    fake.controls.dropNext = 1;
    expect(await caught(p.issue(request()))).toMatchObject({ kind: 'transient', msg: { key: 'waybillProvider.http.unreachable' } });
    expect((await p.issue(request())).trackingNo).toMatch(/^7310/);
  });

  it('cancels with the carrier order number; an unknown number is not-found', async () => {
    const p = await start();
    const w = await p.issue(request());
    await p.cancel({ carrierCode: 'ZTO', trackingNo: w.trackingNo, requestKey: 'TB4001-1', providerRef: w.providerRef ?? null });
    expect(fake.live()).toEqual([]);
    expect(await caught(p.cancel({ carrierCode: 'ZTO', trackingNo: '731000009999', requestKey: 'x' }))).toMatchObject({ kind: 'not-found', providerCode: '30009' });
  });

  it('check() asks a 复打 of no task: good keys pass, a wrong secret is auth, no number is issued', async () => {
    const p = await start();
    await expect(p.check()).resolves.toBeUndefined();
    expect((await caught(kuaidi100LabelProvider({ key: 'TESTKEY', secret: 'NOPE', accounts: {}, endpoint: fake.url }).check())).kind).toBe('auth');
    expect(fake.calls.map((c) => c.method)).toEqual(['printOld', 'printOld']);
    expect(fake.issued.size).toBe(0);
  });

  it('the fake checks the sign over the exact param received: one changed byte is 30002', async () => {
    await start();
    const param = '{"kuaidicom":"zhongtong","printType":"NON"}';
    const t = '1700000000000';
    const sign = createHash('md5').update(param + t + 'TESTKEY' + 'TESTSECRET').digest('hex').toUpperCase();
    const post = (p: string) => fetch(`${fake.url}${LABEL_PATH}`, { method: 'POST', body: new URLSearchParams({ method: 'printOld', key: 'TESTKEY', t, sign, param: p }) }).then((r) => r.json());
    expect(await post(param)).toMatchObject({ code: 30009 });
    expect(await post(param.replace('zhongtong', 'zhongtonG'))).toMatchObject({ code: 30002 });
  });
});

describe('快递鸟 电子面单 against the fake', () => {
  let fake: KdniaoEOrderFake;
  afterEach(() => fake?.close());
  const start = async (over: Partial<KdniaoEOrderConfig> = {}, extra: { balance?: number; dailyLimit?: number } = {}) => {
    fake = await startKdniaoEOrderFake({ businessId: '1234567', appKey: 'test-app-key', customers: { ZTO: { CustomerName: 'zto-dg', CustomerPwd: 'pw' }, SF: { CustomerName: 'sf' } }, ...extra });
    return kdniaoEOrderProvider({ businessId: '1234567', appKey: 'test-app-key', accounts: { ZTO: { CustomerName: 'zto-dg', CustomerPwd: 'pw', TemplateSize: '130' } }, url: `${fake.url}${EORDER_PATH}`, ...over });
  };

  it('issues a number with its routing data; OrderCode is the request key; forbidden characters go full-width', async () => {
    const p = await start();
    const w = await p.issue(request());
    expect(w).toMatchObject({ carrierCode: 'ZTO', childNumbers: [], routing: HANGZHOU, printData: null, templateSize: '76x130', providerRef: null });
    const sent = JSON.parse(fake.calls[0]!.data) as { OrderCode: string; Receiver: { Address: string }; Quantity: number; Weight: number; IsNotice: number };
    expect(sent).toMatchObject({ OrderCode: 'TB4001-1', Quantity: 1, Weight: 1.25, IsNotice: 1, ShipperCode: 'ZTO', CustomerName: 'zto-dg' });
    expect(sent.Receiver.Address).toBe('文三路3号楼＃201 A＆B＜公司＞');
    expect(p.carriers()).toEqual(['ZTO']);
  });

  it('the fake refuses a forbidden character (103): the adapter passing above is not luck', async () => {
    await start();
    const data = JSON.stringify({ OrderCode: 'x1', ShipperCode: 'ZTO', Receiver: { Address: '3#201' } });
    const sign = Buffer.from(createHash('md5').update(`${data}test-app-key`).digest('hex')).toString('base64');
    const reply = await fetch(`${fake.url}${EORDER_PATH}`, { method: 'POST', body: new URLSearchParams({ RequestData: data, EBusinessID: '1234567', RequestType: '1007', DataSign: sign, DataType: '2' }) }).then((r) => r.json());
    expect(reply).toMatchObject({ Success: false, ResultCode: '103' });
  });

  it('a repeated request key is answered 106 with the number first issued; 105 订单号已存在 is a duplicate', async () => {
    const p = await start();
    const first = await p.issue(request());
    const again = await p.issue(request());
    expect(again.trackingNo).toBe(first.trackingNo);
    expect(again.routing).toEqual(first.routing);
    expect(fake.calls.map((c) => c.code)).toEqual(['100', '106']);
    expect(fake.live()).toHaveLength(1);
    fake.state.failNext.push({ code: '105', reason: '订单号已存在，请勿重复操作' });
    expect((await caught(p.issue(request()))).kind).toBe('duplicate');
  });

  it('子母件: Quantity 3 → SubOrders (a string or an array)', async () => {
    const p = await start();
    expect((await p.issue(request({ parcelCount: 3 }))).childNumbers).toHaveLength(2);
    fake.state.subOrdersAs = 'array';
    expect((await p.issue(request({ requestKey: 'TB4003-1', parcelCount: 2 }))).childNumbers).toHaveLength(1);
  });

  it('every documented ResultCode and reason becomes its kind with a catalog message', async () => {
    const p = await start();
    const expected: Record<string, string> = { '101': 'invalid', '102': 'invalid', '103': 'invalid', '104': 'auth', '105': 'invalid', '401': 'invalid', '402': 'invalid', '403': 'invalid', '404': 'invalid', '405': 'quota' };
    expect(Object.keys(expected).sort()).toEqual(Object.keys(KDNIAO_DOCUMENTED_CODES).sort());
    for (const [code, kind] of Object.entries(expected)) {
      fake.state.failNext.push({ code });
      const e = await caught(p.issue(request()));
      expect([code, e.kind]).toEqual([code, kind]);
      expect(e.msg.key).toMatch(/^waybillProvider\.kdniao\./);
      expect(e.msg.params).toMatchObject({ code, said: KDNIAO_DOCUMENTED_CODES[code] });
    }
    const reasons: [string, string][] = [['非法参数[请核实ID和key是否正确]', 'auth'], ['业务错误[没有可用套餐]', 'auth'], ['电子面单余额不足', 'quota']];
    for (const [reason, kind] of reasons) {
      fake.state.failNext.push({ reason });
      expect([reason, (await caught(p.issue(request()))).kind]).toEqual([reason, kind]);
    }
    expect(fake.live()).toEqual([]);
  });

  it('a wrong AppKey or ID is auth, a wrong 网点 account 104, the balance and the daily limit quota', async () => {
    await start({}, { balance: 1, dailyLimit: 3 });
    const url = `${fake.url}${EORDER_PATH}`;
    const accounts = { ZTO: { CustomerName: 'zto-dg', CustomerPwd: 'pw' } };
    expect((await caught(kdniaoEOrderProvider({ businessId: '1234567', appKey: 'wrong', accounts, url }).issue(request()))).msg.key).toBe('waybillProvider.kdniao.badSign');
    const wrongAccount = kdniaoEOrderProvider({ businessId: '1234567', appKey: 'test-app-key', accounts: { ZTO: { CustomerName: 'other' } }, url });
    expect(await caught(wrongAccount.issue(request()))).toMatchObject({ kind: 'auth', providerCode: '104' });
    const p = kdniaoEOrderProvider({ businessId: '1234567', appKey: 'test-app-key', accounts, url });
    await p.issue(request());
    expect((await caught(p.issue(request({ requestKey: 'TB4009-1' })))).kind).toBe('quota');
    expect(await caught(p.issue(request({ requestKey: 'TB4010-1' })))).toMatchObject({ kind: 'quota', providerCode: '405' });
  });

  it('slow: a timeout, then the same key returns the number issued meanwhile (106); a drop is transient', async () => {
    const p = await start({ timeoutMs: 100 });
    fake.controls.slowMs = 400;
    expect((await caught(p.issue(request()))).kind).toBe('transient');
    await new Promise((r) => setTimeout(r, 500));
    fake.controls.slowMs = 0;
    const w = await p.issue(request());
    expect(fake.live()).toEqual([w.trackingNo]);
    fake.controls.dropNext = 1;
    expect((await caught(p.issue(request()))).msg.key).toBe('waybillProvider.http.unreachable');
  });

  it('the sandbox path takes both calls too', async () => {
    await start();
    const p = kdniaoEOrderProvider({ businessId: '1234567', appKey: 'test-app-key', accounts: { ZTO: { CustomerName: 'zto-dg', CustomerPwd: 'pw' } }, url: `${fake.url}${SANDBOX_PATH}` });
    const w = await p.issue(request());
    await p.cancel({ carrierCode: 'ZTO', trackingNo: w.trackingNo, requestKey: 'TB4001-1' });
    expect(fake.live()).toEqual([]);
  });

  it('cancels (1147); an unknown number is not-found; a malformed one 403/404', async () => {
    const p = await start();
    const w = await p.issue(request());
    await p.cancel({ carrierCode: 'ZTO', trackingNo: w.trackingNo, requestKey: 'TB4001-1' });
    expect(fake.live()).toEqual([]);
    expect((await caught(p.cancel({ carrierCode: 'ZTO', trackingNo: '731099999999', requestKey: 'x' }))).kind).toBe('not-found');
    expect((await caught(p.cancel({ carrierCode: 'ZTO', trackingNo: '73-1', requestKey: 'x' }))).providerCode).toBe('403');
    expect((await caught(p.cancel({ carrierCode: 'ZTO', trackingNo: '7310', requestKey: 'x' }))).providerCode).toBe('404');
  });

  it('check() cancels a number that cannot exist: good keys pass, a wrong AppKey is auth, nothing is issued', async () => {
    const p = await start();
    await expect(p.check()).resolves.toBeUndefined();
    const wrong = kdniaoEOrderProvider({ businessId: '1234567', appKey: 'nope', accounts: {}, url: `${fake.url}${EORDER_PATH}` });
    expect((await caught(wrong.check())).kind).toBe('auth');
    expect(fake.calls.map((c) => c.requestType)).toEqual(['1147', '1147']);
    expect(fake.issued.size).toBe(0);
  });
});

describe('hostile replies', () => {
  it('whatever a provider answers, issue ends in a waybill with a sane number or a WaybillProviderError', async () => {
    let answer: unknown = null;
    const server = await startFakeServer({ slowMs: 0, dropNext: 0 }, () => answer);
    try {
      const providers = [
        kuaidi100LabelProvider({ key: 'K', secret: 'S', accounts: { ZTO: {} }, endpoint: server.url }),
        kdniaoEOrderProvider({ businessId: 'B', appKey: 'A', accounts: { ZTO: {} }, url: `${server.url}${EORDER_PATH}` }),
      ];
      const number = fc.oneof(fc.string(), fc.stringMatching(/^[0-9]{12}$/));
      const routingish = fc.record({ bulkpen: fc.string(), pkgName: fc.string(), MarkDestination: fc.string(), PackageName: fc.string() }, { requiredKeys: [] });
      const shaped = fc.oneof(
        fc.jsonValue({ maxDepth: 5 }),
        fc.record({ code: fc.oneof(fc.constant(200), fc.integer(), fc.string()), success: fc.boolean(), message: fc.string(), data: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ kuaidinum: number, childNum: fc.oneof(fc.string(), fc.array(fc.string())) }).chain((d) => routingish.map((r) => ({ ...d, ...r })))) }),
        fc.record({ Success: fc.boolean(), ResultCode: fc.oneof(fc.constantFrom('100', '106', '105'), fc.string()), Reason: fc.option(fc.string()), Order: fc.option(fc.record({ LogisticCode: number }).chain((o) => routingish.map((r) => ({ ...o, ...r })))), SubOrders: fc.option(fc.oneof(fc.string(), fc.array(fc.jsonValue({ maxDepth: 1 })))) }),
        fc.string().map((s) => new RawReply(200, s)),
        // Well-formed replies, so the read path runs too (each is an error to the other provider).
        fc.constantFrom(
          { code: 200, success: true, message: 'success', data: { kuaidinum: '731000000001', childNum: '731000000002', bulkpen: '300-W01 00\n', pkgName: '杭州转运中心' } },
          { Success: true, ResultCode: '100', Order: { LogisticCode: '731000000001', MarkDestination: 'x'.repeat(150), PackageName: '杭州\u0000转运' }, SubOrders: ['731000000002'] },
        ),
        fc.constantFrom(new RawReply(200, 'x'.repeat(2 * 1024 * 1024)), new RawReply(502, '<html>bad gateway</html>'), new RawReply(200, `${'['.repeat(200_000)}${']'.repeat(200_000)}`)),
      );
      let issued = 0;
      await fc.assert(
        fc.asyncProperty(shaped, async (value) => {
          answer = value;
          for (const p of providers) {
            const outcome = await p.issue(request()).then(
              (w) => ++issued > 0 && /^[A-Za-z0-9-]{4,40}$/.test(w.trackingNo) && w.childNumbers.every((n) => /^[A-Za-z0-9-]{4,40}$/.test(n)) && Object.values(w.routing).every((v) => v === null || (v.length <= 60 && !/\p{Cc}/u.test(v))),
              (e: unknown) => e instanceof WaybillProviderError,
            );
            expect(outcome).toBe(true);
          }
        }),
        { numRuns: 80 },
      );
      // Some hostile shapes are well-formed enough to be read: both paths ran.
      expect(issued).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
