import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carriers } from '#shared/domain/carriers';
import { trackingStates } from '#shared/domain/tracking';
import { dataSign, reportOf as kdniaoReport, waybillSchema } from './kdniao.wire';
import { kdniaoProvider } from './kdniao.provider';
import { kuaidi100Acks, kuaidi100Provider } from './kuaidi100.provider';
import { pushSign, querySign, reportOf as kuaidi100Report, traceSchema } from './kuaidi100.wire';
import { carrierFromKdniao, carrierFromKuaidi100, kdniaoShipper, kdniaoState, kuaidi100Com, kuaidi100State } from './provider-codes';
import { beijingIso, cityOfArea, cleanText } from './provider-normalise';
import { phoneTail } from './tracking.repo';
import { isTrackable, nextAfterFailure, nextAfterNoTrace } from './tracking-schedule';

// The vectors research/providers.md pins (computed from the documented algorithms with dummy keys).
describe('signatures (pinned vectors)', () => {
  it('快递100 实时查询: UPPER(MD5(param + key + customer))', () => {
    expect(querySign('{"com":"yuantong","num":"YT0000000000001"}', 'TESTKEY', 'TESTCUSTOMER0000')).toBe('62552C56CF9BE2AAC24E336C06774F9F');
  });
  it('快递100 push: MD5(param + salt), compared in either case', () => {
    expect(pushSign('{"status":"polling"}', 'SALT123')).toBe('fc9bf09bcd841cb5f7703688ae437ab5');
  });
  it('快递鸟 DataSign: Base64 of the lowercase hex string, URL-encoded once on the wire', () => {
    const data = '{"OrderCode":"","ShipperCode":"SF","LogisticCode":"118461988807"}';
    expect(dataSign(data, 'test-app-key')).toBe('YTg0YTUxOGFlOWI4OTM4NTRmYWVlYzgwYjc4MDM4NWY=');
    expect(Buffer.from(dataSign(data, 'test-app-key'), 'base64').toString('ascii')).toBe('a84a518ae9b893854faeec80b780385f');
    expect(new URLSearchParams({ DataSign: dataSign(data, 'test-app-key') }).toString()).toBe('DataSign=YTg0YTUxOGFlOWI4OTM4NTRmYWVlYzgwYjc4MDM4NWY%3D');
  });
});

describe('codes', () => {
  it('every carrier a provider knows maps there and back', () => {
    for (const c of carriers) {
      if (c.kuaidi100) expect(carrierFromKuaidi100(kuaidi100Com(c.code)!)).toBe(c.code);
      if (c.kdniao) expect(carrierFromKdniao(kdniaoShipper(c.code)!)).toBe(c.code);
    }
    expect(kuaidi100Com('YUNDA')).toBe('yunda');
    expect(kdniaoShipper('YUNDA')).toBe('YD');
    expect(kdniaoShipper('DBKD')).toBe('DBL');
    expect(carrierFromKuaidi100('debangwuliu')).toBe('DBKD');
    expect(carrierFromKuaidi100('somethingnew')).toBe('OTHER');
  });

  it('every documented state maps to one of our six (or to "no trace yet")', () => {
    const k100 = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '10', '11', '12', '13', '14', '101', '102', '103', '1001', '1002', '1003', '201', '301', '302', '303', '304', '401', '501'];
    for (const code of k100) {
      const m = kuaidi100State(code);
      expect(m, code).toBeDefined();
      if (m!.state !== null) expect(trackingStates).toContain(m!.state);
    }
    const kdn = ['0', '1', '2', '3', '4', '10', '201', '202', '211', '301', '302', '304', '311', '401', '402', '403', '404', '405', '406', '407', '412', '413'];
    for (const code of kdn) expect(kdniaoState(code), code).toBeDefined();
    expect(kuaidi100State('3')).toEqual({ state: 'delivered', final: true });
    expect(kuaidi100State('4')).toEqual({ state: 'returned', final: true });
    expect(kuaidi100State('6')).toEqual({ state: 'returned', final: false });
    expect(kuaidi100State('102')).toEqual({ state: null, final: false });
    expect(kdniaoState('202')?.state).toBe('out-for-delivery');
    expect(kdniaoState('406')).toEqual({ state: 'returned', final: true });
    expect(kdniaoState('10')?.state).toBeNull();
  });
});

describe('normalising', () => {
  it('times carry +08:00; cities come from areaName; text is capped and cleaned', () => {
    expect(beijingIso('2026-03-12 10:48:05')).toBe('2026-03-12T10:48:05+08:00');
    expect(beijingIso('2026/03/12 10:48:05')).toBe('2026-03-12T10:48:05+08:00');
    expect(beijingIso('2026-02-30 10:00:00')).toBeNull();
    expect(cityOfArea('广东,东莞市')).toBe('东莞市');
    expect(cityOfArea('')).toBe('');
    expect(cleanText('a\u0000b\nc', 300)).toBe('a b c');
    expect(cleanText('x'.repeat(400), 300)).toHaveLength(300);
    expect(phoneTail('13800001234')).toBe('1234');
    expect(phoneTail('138****0000-5678')).toBe('5678');
    expect(phoneTail('')).toBe('');
  });

  it('a 快递100 trace: oldest first, node states, the destination from routeInfo; delivered → the last area', () => {
    const trace = traceSchema.parse({
      message: 'ok', nu: 'YT0000000000001', com: 'yuantong', state: '0', status: '200',
      data: [
        { ftime: '2026-03-12 18:00:00', context: '到达杭州', areaName: '浙江,杭州市', status: '在途', statusCode: '1002' },
        { ftime: '2026-03-12 10:00:00', context: '已揽收', areaName: '广东,东莞市', status: '揽收', statusCode: '103' },
      ],
      routeInfo: { from: null, cur: null, to: { number: 'x', name: '浙江,宁波市' } },
    });
    const r = kuaidi100Report(trace, '', false);
    expect(r.events.map((e) => [e.state, e.city])).toEqual([['accepted', '东莞市'], ['in-transit', '杭州市']]);
    expect(r).toMatchObject({ state: 'in-transit', destCity: '宁波市', final: false, reportedCarrier: null });
    const done = kuaidi100Report({ ...trace, state: '3', routeInfo: null }, '', true);
    expect(done).toMatchObject({ state: 'delivered', destCity: '杭州市', final: true });
    const undelivered = kuaidi100Report({ ...trace, routeInfo: null }, '', false);
    expect(undelivered.destCity).toBe('');
  });

  it('a 快递鸟 8001 waybill: StateEx wins, Location names the destination once delivered', () => {
    const w = waybillSchema.parse({
      EBusinessID: '1', ShipperCode: 'ZTO', LogisticCode: '73100000000001', Success: true, State: '3', StateEx: '311', Location: '宁波市',
      Traces: [{ AcceptTime: '2026-03-12 10:00:00', AcceptStation: '已揽收', Location: '东莞市', Action: '1' }],
    });
    expect(kdniaoReport(w)).toMatchObject({ state: 'delivered', final: true, destCity: '宁波市', events: [{ at: '2026-03-12T10:00:00+08:00', state: 'accepted', city: '东莞市' }] });
  });
});

describe('hostile replies and pushes never crash', () => {
  const k100 = kuaidi100Provider({ key: 'K', customer: 'C', salt: 'S', callbackUrl: 'http://x/y', endpoint: 'http://127.0.0.1:1' });
  const kdn = kdniaoProvider({ businessId: 'B', appKey: 'A', queryType: '8001', callbackUrl: null, endpoint: 'http://127.0.0.1:1' });

  it('any bytes pushed get the documented failure ack, never an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const a = k100.receivePush(bytes, new Date());
        expect(a.ok).toBe(false);
        expect(a.ack.body).toMatchObject({ result: false });
        const b = kdn.receivePush(bytes, new Date());
        expect(b.ok).toBe(false);
        expect(b.ack.body).toMatchObject({ Success: false, EBusinessID: 'B' });
      }),
    );
  });

  it('a correctly signed push of any JSON is read or refused as bad data, never thrown', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const param = JSON.stringify(value);
        const body = new TextEncoder().encode(new URLSearchParams({ param, sign: pushSign(param, 'S') }).toString());
        const out = k100.receivePush(body, new Date());
        if (!out.ok) expect(out.ack.body).toEqual(kuaidi100Acks.badData);
      }),
    );
  });

  it('any parsed reply shape either passes the schema or is refused by it', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (value) => {
        expect(() => traceSchema.safeParse(value)).not.toThrow();
        expect(() => waybillSchema.safeParse(value)).not.toThrow();
      }),
    );
  });
});

describe('schedule', () => {
  const now = new Date('2026-03-12T02:00:00Z');
  it('never asks sooner than 30 minutes, backs off doubling, waits for the next Beijing day on quota', () => {
    expect(Date.parse(nextAfterFailure('timeout', now, 0)) - now.getTime()).toBe(30 * 60_000);
    expect(Date.parse(nextAfterFailure('timeout', now, 3)) - now.getTime()).toBe(240 * 60_000);
    expect(Date.parse(nextAfterFailure('timeout', now, 30)) - now.getTime()).toBe(12 * 3600_000);
    expect(Date.parse(nextAfterNoTrace(now, 0)) - now.getTime()).toBe(3600_000);
    // 10:00 Beijing → the next Beijing midnight is 16:00 UTC the same day.
    expect(nextAfterFailure('quota', now, 0)).toBe('2026-03-12T16:00:00.000Z');
  });
  it('follows parcels for 30 days after printing, until delivered or back', () => {
    expect(isTrackable({ printedAt: '2026-03-01T00:00:00Z', handedOverAt: null, final: false }, now)).toBe(true);
    expect(isTrackable({ printedAt: '2026-02-01T00:00:00Z', handedOverAt: null, final: false }, now)).toBe(false);
    expect(isTrackable({ printedAt: '2026-03-01T00:00:00Z', handedOverAt: null, final: true }, now)).toBe(false);
  });
});
