import { request } from 'node:https';
import { afterEach, afterAll, describe, expect, it, vi } from 'vitest';
import { HUB_AUTHOR } from '#shared/contract/hub.contract';
import { startTrackingCallbackServer, type TrackingCallbackServer } from '../../electron/hub/tracking/tracking-callback-server';
import { saveTrackingKeys, type KeysInput } from '../../electron/hub/tracking/tracking-keys';
import { startKdniaoFake, type KdniaoFake } from '../fakes/kdniao.fake';
import { startKuaidi100Fake, type Kuaidi100Fake, type Kuaidi100Node } from '../fakes/kuaidi100.fake';
import { hubBackends, hubStorage, pullAll, startTestHub, type HubStation, type TestHub } from '../helpers/hub-db';
import { op } from '../helpers/op-fixtures';

const KEY = 'TESTKEY';
const CUSTOMER = 'TESTCUSTOMER0000';
const picked: Kuaidi100Node = { ftime: '2026-11-26 18:00:00', context: '【东莞市】快件已揽收', areaName: '广东,东莞市', status: '揽收', statusCode: '103' };
const moving: Kuaidi100Node = { ftime: '2026-11-27 06:00:00', context: '【杭州市】快件已到达杭州转运中心', areaName: '浙江,杭州市', status: '在途', statusCode: '1002' };
const signed: Kuaidi100Node = { ftime: '2026-11-28 10:00:00', context: '【杭州市】已签收', areaName: '浙江,杭州市', status: '签收', statusCode: '301' };
const HOUR = 3600_000;

type Tracked = { carrierCode: string; trackingNo: string; source: string; state: string | null; events: { state: string; city: string }[]; destCity: string; reportedCarrier: string | null };
const trackingEntries = async (s: HubStation) =>
  (await pullAll(s)).filter((e) => e.type === 'tracking.updated').map((e) => ({ author: e.stationId, ...(e.payload as unknown as Tracked) }));

describe.each(hubBackends)('online tracking at the hub (%s)', (backend) => {
  const storage = hubStorage(backend);
  let hub: TestHub | undefined;
  let k100: Kuaidi100Fake | undefined;
  let kdn: KdniaoFake | undefined;
  let callbacks: TrackingCallbackServer | undefined;
  let clock = new Date('2026-11-26T10:00:00Z');
  let dataDir = '';
  afterEach(async () => {
    await callbacks?.close();
    await k100?.close();
    await kdn?.close();
    await hub?.close();
    callbacks = k100 = kdn = hub = undefined;
  });
  afterAll(() => storage.dispose());

  /** A hub on a virtual clock, the 快递100 fake, the plain-HTTP push listener, and a shop with parcels printed. */
  async function start(keys: (callbackUrl: string) => { kuaidi100?: KeysInput; kdniao?: KeysInput }) {
    clock = new Date('2026-11-26T10:00:00Z');
    const options = await storage.fresh();
    dataDir = options.dataDir!;
    hub = await startTestHub({ ...options, now: () => clock, trackingEveryMs: 0 });
    k100 = await startKuaidi100Fake({ key: KEY, customer: CUSTOMER });
    kdn = await startKdniaoFake({ businessId: '1234567', appKey: 'test-app-key' });
    callbacks = await startTrackingCallbackServer(hub.hub, { port: 0, host: '127.0.0.1' });
    const chosen = keys(callbacks.url);
    if (chosen.kuaidi100) saveTrackingKeys(dataDir, 'kuaidi100', { key: KEY, customer: CUSTOMER, endpoint: k100.url, ...chosen.kuaidi100 });
    if (chosen.kdniao) saveTrackingKeys(dataDir, 'kdniao', { businessId: '1234567', key: 'test-app-key', endpoint: kdn.url, ...chosen.kdniao });
    const sup = await hub.station('sup', 'supervisor');
    const packer = await hub.station('pack');
    return { sup, packer };
  }

  async function ship(sup: HubStation, packer: HubStation, n: number, carrierCode = 'YTO', trackingNo = `YT74000000000${n}`, mobile = '13800001234') {
    const externalId = `200000${n}`;
    await sup.push(op('order.imported', { id: `taobao:${externalId}`, externalId, receiver: { name: '张三', mobile, phone: '', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号', zip: '' } }));
    const id = `sh-${n}`;
    const out = await packer.push(
      op('shipment.created', { id, groupId: id, orderId: `taobao:${externalId}`, orderExternalId: externalId, carrierCode, trackingNo }),
      op('shipment.printed', { id, at: clock.toISOString() }),
    );
    expect(out.body.results.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    return trackingNo;
  }

  it('polls printed parcels, writes tracking.updated only when something changed, stops once delivered', async () => {
    const { sup, packer } = await start(() => ({ kuaidi100: {} }));
    const no = await ship(sup, packer, 1);
    const voided = await ship(sup, packer, 2);
    expect((await sup.push(op('shipment.voided', { id: 'sh-2' }))).body.results[0]!.outcome).toBe('accepted');
    k100!.setParcel({ com: 'yuantong', num: no, state: '1', nodes: [picked] });
    k100!.setParcel({ com: 'yuantong', num: voided, state: '1', nodes: [picked] });

    const first = await hub!.hub.tracking.pollNow();
    expect(first).toMatchObject({ asked: 1, changes: [{ trackingNo: no, from: null, to: 'accepted' }], failures: [] });
    expect(k100!.queries.map((q) => q.num)).toEqual([no]); // the voided parcel is never asked about
    let seen = await trackingEntries(packer);
    expect(seen).toEqual([expect.objectContaining({ author: HUB_AUTHOR, carrierCode: 'YTO', trackingNo: no, source: 'kuaidi100', state: 'accepted', destCity: '', reportedCarrier: null })]);
    expect(seen[0]!.events).toEqual([expect.objectContaining({ state: 'accepted', city: '东莞市' })]);

    // Not due yet: nobody is asked. Due but unchanged: asked, nothing written.
    expect((await hub!.hub.tracking.pollNow()).asked).toBe(0);
    clock = new Date(clock.getTime() + 3 * HOUR);
    expect(await hub!.hub.tracking.pollNow()).toMatchObject({ asked: 1, changes: [] });
    expect(await trackingEntries(packer)).toHaveLength(1);

    k100!.setParcel({ com: 'yuantong', num: no, state: '3', nodes: [picked, moving, signed] });
    clock = new Date(clock.getTime() + 3 * HOUR);
    expect((await hub!.hub.tracking.pollNow()).changes).toMatchObject([{ from: 'accepted', to: 'delivered' }]);
    seen = await trackingEntries(packer);
    expect(seen.at(-1)).toMatchObject({ state: 'delivered', destCity: '杭州市' });
    clock = new Date(clock.getTime() + 24 * HOUR);
    expect((await hub!.hub.tracking.pollNow()).asked).toBe(0);
    expect(k100!.queries).toHaveLength(3);
  });

  it('once the shop hands parcels over, only handed-over parcels are followed: one still on the bench spends no quota', async () => {
    const { sup, packer } = await start(() => ({ kuaidi100: {} }));
    const taken = await ship(sup, packer, 1);
    const waiting = await ship(sup, packer, 2);
    for (const num of [taken, waiting]) k100!.setParcel({ com: 'yuantong', num, state: '1', nodes: [picked] });
    const closed = await packer.push(
      op('handover.opened', { id: 'ho-1', carrierCode: 'YTO' }),
      op('handover.closed', { handoverId: 'ho-1', accepted: ['sh-1'], missing: ['sh-2'], intercepted: [] }),
    );
    expect(closed.body.results.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    expect(await hub!.hub.tracking.pollNow()).toMatchObject({ asked: 1, changes: [{ trackingNo: taken, to: 'accepted' }] });
    expect(k100!.queries.map((q) => q.num)).toEqual([taken]);
  });

  it('the provider quota reached (601): the provider rests until the next Beijing day', async () => {
    const { sup, packer } = await start(() => ({ kuaidi100: {} }));
    for (const n of [1, 2, 3]) k100!.setParcel({ com: 'yuantong', num: await ship(sup, packer, n), state: '1', nodes: [picked] });
    k100!.state.quota = 1;
    const round = await hub!.hub.tracking.pollNow();
    expect(round.changes).toHaveLength(1);
    expect(round.failures.map((f) => f.kind)).toEqual(['quota']);
    expect(k100!.queries).toHaveLength(2); // the third parcel was not asked: the provider rests
    k100!.state.quota = 100;
    clock = new Date(clock.getTime() + 4 * HOUR); // 18:00 Beijing: still today
    expect((await hub!.hub.tracking.pollNow()).asked).toBe(0);
    clock = new Date('2026-11-26T16:00:01Z'); // just past midnight in Beijing
    expect((await hub!.hub.tracking.pollNow()).changes).toHaveLength(2);
  });

  it("our own daily limit holds even when the provider would answer", async () => {
    const { sup, packer } = await start(() => ({ kuaidi100: { dailyLimit: 1 } }));
    for (const n of [1, 2]) k100!.setParcel({ com: 'yuantong', num: await ship(sup, packer, n), state: '1', nodes: [picked] });
    expect((await hub!.hub.tracking.pollNow()).asked).toBe(1);
    clock = new Date(clock.getTime() + HOUR);
    expect((await hub!.hub.tracking.pollNow()).asked).toBe(0);
    clock = new Date('2026-11-26T16:00:01Z');
    expect((await hub!.hub.tracking.pollNow()).asked).toBe(1);
  });

  it('a dropped connection or no trace yet: asked again later, backing off, never within 30 minutes', async () => {
    const { sup, packer } = await start(() => ({ kuaidi100: {} }));
    const no = await ship(sup, packer, 1);
    k100!.controls.dropNext = 1;
    expect((await hub!.hub.tracking.pollNow()).failures.map((f) => f.kind)).toEqual(['unreachable']);
    clock = new Date(clock.getTime() + 20 * 60_000);
    expect((await hub!.hub.tracking.pollNow()).asked).toBe(0);
    clock = new Date(clock.getTime() + 11 * 60_000);
    // Asked again: no trace yet (500). The second miss in a row: the next try waits 2 hours.
    expect(await hub!.hub.tracking.pollNow()).toMatchObject({ asked: 0, failures: [] });
    expect(k100!.queries.map((q) => q.code)).toEqual(['500']);
    clock = new Date(clock.getTime() + 119 * 60_000);
    await hub!.hub.tracking.pollNow();
    expect(k100!.queries).toHaveLength(1);
    k100!.setParcel({ com: 'yuantong', num: no, state: '1', nodes: [picked] });
    clock = new Date(clock.getTime() + 2 * 60_000);
    expect((await hub!.hub.tracking.pollNow()).changes).toHaveLength(1);
  });

  it('快递100 subscription: the push is acknowledged and becomes one tracking.updated; repeats and bad signatures write nothing', async () => {
    const { sup, packer } = await start((url) => ({ kuaidi100: { callbackUrl: `${url}/tracking/push/kuaidi100?shop=1`, salt: 'SALT123' } }));
    const no = await ship(sup, packer, 1, 'ZTO', '731000000000001');
    expect(await hub!.hub.tracking.pollNow()).toMatchObject({ subscribed: 1, asked: 0 });
    expect(k100!.subscriptions.get(`zhongtong:${no}`)).toMatchObject({ salt: 'SALT123', status: 'polling' });

    k100!.setParcel({ com: 'zhongtong', num: no, state: '0', nodes: [picked, moving], routeTo: '浙江,杭州市' });
    const ack = await k100!.push(no);
    expect(ack).toMatchObject({ status: 200, acked: true, body: { result: true, returnCode: '200', message: '成功' } });
    let seen = await trackingEntries(packer);
    expect(seen).toEqual([expect.objectContaining({ trackingNo: no, carrierCode: 'ZTO', state: 'in-transit', destCity: '杭州市' })]);

    // The same push again (快递100 retries, updateall): acknowledged, nothing new. Upper-case signs are fine.
    expect((await k100!.push(no, { signCase: 'upper' })).acked).toBe(true);
    expect(await trackingEntries(packer)).toHaveLength(1);

    const head = await hub!.hub.head();
    const forged = await k100!.pushRaw(no, (param) => ({ param, sign: 'fc9bf09bcd841cb5f7703688ae437ab5' }));
    expect(forged).toMatchObject({ acked: false, body: { result: false } });
    // 快递100 re-sends what was not acknowledged (3 more times; compressed here): each refused again.
    const retried = k100!.pushes.at(-1)!;
    await vi.waitFor(() => expect(retried.attempts).toHaveLength(4));
    expect(retried.attempts.every((a) => !a.acked)).toBe(true);
    const tampered = await k100!.pushRaw(no, (param, sign) => ({ param: param.replace('"state":"0"', '"state":"3"'), sign }));
    expect(tampered.acked).toBe(false);
    const unsigned = await k100!.pushRaw(no, (param) => ({ param }));
    expect(unsigned.acked).toBe(false);
    expect(await hub!.hub.head()).toBe(head);

    // The number moved to another carrier (abort + comNew): told once, and resubscribed later.
    const moved = await k100!.push(no, { status: 'abort', comNew: 'yuantong', message: '3天查询无记录' });
    expect(moved.acked).toBe(true);
    seen = await trackingEntries(packer);
    expect(seen.at(-1)).toMatchObject({ reportedCarrier: 'YTO' });
    // Pushed and subscribed: the hub polls only once a day as a safety net.
    clock = new Date(clock.getTime() + 3 * HOUR);
    const later = await hub!.hub.tracking.pollNow();
    expect(later).toMatchObject({ subscribed: 1, asked: 0 });
  });

  it('快递鸟 pushes (form fields or a JSON body) with DataSign checked; the documented ack', async () => {
    const { sup, packer } = await start((url) => ({ kdniao: { callbackUrl: `${url}/tracking/push/kdniao` } }));
    const no = await ship(sup, packer, 1, 'YUNDA', '4300000000001');
    expect((await hub!.hub.tracking.pollNow()).subscribed).toBe(1);
    expect([...kdn!.subscribed]).toEqual([`YD:${no}`]);
    kdn!.setParcel({ ShipperCode: 'YD', LogisticCode: no, State: '2', StateEx: '202', Location: '杭州市', Traces: [{ AcceptTime: '2026-11-27 08:00:00', AcceptStation: '派件中', Location: '杭州市', Action: '202' }] });
    const url = `${callbacks!.url}/tracking/push/kdniao`;
    const ack = await kdn!.push(url, [{ ShipperCode: 'YD', LogisticCode: no }]);
    expect(ack).toMatchObject({ acked: true, body: { EBusinessID: '1234567', Success: true, Reason: '' } });
    expect((ack.body as { UpdateTime: string }).UpdateTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(await trackingEntries(packer)).toEqual([expect.objectContaining({ trackingNo: no, carrierCode: 'YUNDA', source: 'kdniao', state: 'out-for-delivery' })]);

    kdn!.setParcel({ ShipperCode: 'YD', LogisticCode: no, State: '3', StateEx: '301', Location: '杭州市', Traces: [{ AcceptTime: '2026-11-27 08:00:00', AcceptStation: '派件中', Location: '杭州市', Action: '202' }, { AcceptTime: '2026-11-27 12:00:00', AcceptStation: '已签收', Location: '杭州市', Action: '301' }] });
    expect((await kdn!.push(url, [{ ShipperCode: 'YD', LogisticCode: no }], { as: 'json' })).acked).toBe(true);
    expect((await trackingEntries(packer)).at(-1)).toMatchObject({ state: 'delivered', destCity: '杭州市' });

    const head = await hub!.hub.head();
    const bad = await kdn!.push(url, [{ ShipperCode: 'YD', LogisticCode: no }], { tamper: (d) => d.replace('已签收', '已拒收') });
    expect(bad).toMatchObject({ acked: false, body: { Success: false } });
    expect(await hub!.hub.head()).toBe(head);
  });

  it('a captured 快递100 push replayed after delivery is acknowledged and changes nothing, a shorter older trace neither', async () => {
    const { sup, packer } = await start((url) => ({ kuaidi100: { callbackUrl: `${url}/tracking/push/kuaidi100`, salt: 'SALT123' } }));
    const no = await ship(sup, packer, 1, 'ZTO', '731000000000002');
    expect((await hub!.hub.tracking.pollNow()).subscribed).toBe(1);
    k100!.setParcel({ com: 'zhongtong', num: no, state: '0', nodes: [picked, moving] });
    expect((await k100!.push(no)).acked).toBe(true);
    const inTransit = k100!.pushes.length - 1;
    k100!.setParcel({ com: 'zhongtong', num: no, state: '3', nodes: [picked, moving, signed] });
    expect((await k100!.push(no)).acked).toBe(true);
    expect((await trackingEntries(packer)).map((e) => e.state)).toEqual(['in-transit', 'delivered']);

    // The in-transit push, captured on the plain-HTTP callback, sent again: acked (no retries), nothing written.
    const head = await hub!.hub.head();
    expect(await k100!.replay(inTransit)).toMatchObject({ acked: true, body: { result: true, returnCode: '200' } });
    // An older trace ending at the same node time but shorter (a strict prefix) is no newer either.
    k100!.setParcel({ com: 'zhongtong', num: no, state: '0', nodes: [picked] });
    expect((await k100!.push(no)).acked).toBe(true);
    expect(await hub!.hub.head()).toBe(head);
    expect((await trackingEntries(packer)).map((e) => e.state)).toEqual(['in-transit', 'delivered']);
  });

  it('a poll answer older than the trace the hub holds does not take the parcel back', async () => {
    const { sup, packer } = await start(() => ({ kuaidi100: {} }));
    const no = await ship(sup, packer, 1);
    const problem: Kuaidi100Node = { ftime: '2026-11-27 09:00:00', context: '【杭州市】快件地址不详，已联系收件人', areaName: '浙江,杭州市', status: '疑难', statusCode: '2' };
    const onward: Kuaidi100Node = { ftime: '2026-11-27 15:00:00', context: '【杭州市】已联系上收件人，继续派送', areaName: '浙江,杭州市', status: '在途', statusCode: '1002' };
    k100!.setParcel({ com: 'yuantong', num: no, state: '2', nodes: [picked, problem] });
    expect((await hub!.hub.tracking.pollNow()).changes).toMatchObject([{ to: 'problem' }]);
    k100!.setParcel({ com: 'yuantong', num: no, state: '0', nodes: [picked, problem, onward] });
    clock = new Date(clock.getTime() + 3 * HOUR);
    expect((await hub!.hub.tracking.pollNow()).changes).toMatchObject([{ from: 'problem', to: 'in-transit' }]);
    // The provider answers from an older copy: asked, but the 问题件 is not raised again.
    k100!.setParcel({ com: 'yuantong', num: no, state: '2', nodes: [picked, problem] });
    clock = new Date(clock.getTime() + 3 * HOUR);
    expect(await hub!.hub.tracking.pollNow()).toMatchObject({ asked: 1, changes: [] });
    expect((await trackingEntries(packer)).map((e) => e.state)).toEqual(['problem', 'in-transit']);
  });

  it('a captured 快递鸟 push replayed after delivery changes nothing', async () => {
    const { sup, packer } = await start((url) => ({ kdniao: { callbackUrl: `${url}/tracking/push/kdniao` } }));
    const no = await ship(sup, packer, 1, 'YUNDA', '4300000000002');
    expect((await hub!.hub.tracking.pollNow()).subscribed).toBe(1);
    const url = `${callbacks!.url}/tracking/push/kdniao`;
    const out: { AcceptTime: string; AcceptStation: string; Location: string; Action: string } = { AcceptTime: '2026-11-27 08:00:00', AcceptStation: '派件中', Location: '杭州市', Action: '202' };
    kdn!.setParcel({ ShipperCode: 'YD', LogisticCode: no, State: '2', StateEx: '202', Location: '杭州市', Traces: [out] });
    expect((await kdn!.push(url, [{ ShipperCode: 'YD', LogisticCode: no }])).acked).toBe(true);
    const early = kdn!.pushes.length - 1;
    kdn!.setParcel({ ShipperCode: 'YD', LogisticCode: no, State: '3', StateEx: '301', Location: '杭州市', Traces: [out, { AcceptTime: '2026-11-27 12:00:00', AcceptStation: '已签收', Location: '杭州市', Action: '301' }] });
    expect((await kdn!.push(url, [{ ShipperCode: 'YD', LogisticCode: no }])).acked).toBe(true);
    const head = await hub!.hub.head();
    expect(await kdn!.replay(early)).toMatchObject({ acked: true, body: { Success: true } });
    expect(await hub!.hub.head()).toBe(head);
    expect((await trackingEntries(packer)).map((e) => e.state)).toEqual(['out-for-delivery', 'delivered']);
  });

  it("the hub's HTTPS server takes pushes too: no token needed, bad signatures refused, bodies capped", async () => {
    const { sup, packer } = await start((url) => ({ kuaidi100: { callbackUrl: `${url}/tracking/push/kuaidi100`, salt: 'SALT123' } }));
    await ship(sup, packer, 1);
    const head = await hub!.hub.head();
    const forged = await postTls(hub!.url, '/tracking/push/kuaidi100', new URLSearchParams({ param: '{"status":"polling"}', sign: 'nope' }).toString());
    expect(forged).toMatchObject({ status: 200, body: { result: false } });
    const huge = await postTls(hub!.url, '/tracking/push/kuaidi100', `param=${'x'.repeat(2 * 1024 * 1024)}`);
    expect(huge.status).toBe(400);
    // A valid signature over something that is no push: refused as bad data, nothing written.
    const param = '{"status":"polling"}';
    const { createHash } = await import('node:crypto');
    const ok = await postTls(hub!.url, '/tracking/push/kuaidi100', new URLSearchParams({ param, sign: createHash('md5').update(param + 'SALT123').digest('hex') }).toString());
    expect(ok).toMatchObject({ status: 200, body: { result: true, returnCode: '200' } });
    expect(await hub!.hub.head()).toBe(head);
  });
});

/** A form POST to the hub over TLS (its certificate is self-signed; the test does not pin it). */
function postTls(base: string, path: string, body: string): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
