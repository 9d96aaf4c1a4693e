import { createHash } from 'node:crypto';
import { formFields, postPush, startFakeServer, type FakeControls, type PushAttempt } from './provider-fake-http';

/**
 * 快递鸟 as documented (research/providers.md §2.1–2.4, §2.7), on loopback: routes on RequestType
 * and path (the sandbox path takes every type), checks DataSign = Base64(lowercase hex MD5(
 * RequestData + AppKey)) over the form-decoded RequestData, answers Success:false with the
 * reasons field use shows, keeps a daily call limit (405 超出查询次数限制) and pushes 101 as form
 * fields (DataSign not URL-encoded, as the push doc says) or as a JSON body, accepting only
 * Success:true acks.
 */
export type KdniaoTrace = { AcceptTime: string; AcceptStation: string; Location?: string; Action?: string };
export type KdniaoParcel = { ShipperCode: string; LogisticCode: string; State: string; StateEx?: string; Location?: string; Traces: KdniaoTrace[]; phone?: string };

export const QUERY_PATH = '/Ebusiness/EbusinessOrderHandle.aspx';
export const DIST_PATH = '/api/dist';
export const SANDBOX_PATH = '/kdniaosandbox/gateway/exterfaceInvoke.json';
const KNOWN = new Set(['SF', 'ZTO', 'YTO', 'STO', 'YD', 'JTSD', 'EMS', 'YZPY', 'JD', 'DBL', 'HTKY']);

export const kdniaoSign = (data: string, appKey: string) => Buffer.from(createHash('md5').update(data + appKey, 'utf8').digest('hex'), 'ascii').toString('base64');

export async function startKdniaoFake(account: { businessId: string; appKey: string; dailyLimit?: number; plan?: '1002' | '8001' }) {
  const controls: FakeControls = { slowMs: 0, dropNext: 0 };
  const parcels = new Map<string, KdniaoParcel>();
  const subscribed = new Set<string>();
  const calls: { requestType: string; code: string; reason: string }[] = [];
  const pushes: { url: string; body: string; contentType: string; attempts: PushAttempt[] }[] = [];
  const state = { callsLeft: account.dailyLimit ?? Infinity, plan: account.plan ?? '8001', retryDelayMs: 50, retries: 3 };
  const key = (shipper: string, code: string) => `${shipper}:${code}`;
  const head = (over: Record<string, unknown>) => ({ EBusinessID: account.businessId, UpdateTime: '2026-01-01 00:00:00', ...over });

  const waybill = (p: KdniaoParcel, detailed: boolean, sort: number) => {
    const traces = [...p.Traces].sort((a, b) => a.AcceptTime.localeCompare(b.AcceptTime));
    if (sort === 1) traces.reverse();
    return {
      EBusinessID: account.businessId, OrderCode: '', ShipperCode: p.ShipperCode, LogisticCode: p.LogisticCode, Success: true, Reason: null, State: p.State,
      ...(detailed ? { StateEx: p.StateEx ?? p.State, Location: p.Location ?? '' } : {}),
      Traces: traces.map((t) => ({ AcceptTime: t.AcceptTime, AcceptStation: t.AcceptStation, ...(detailed ? { Location: t.Location ?? '', Action: t.Action ?? p.State } : {}) })),
    };
  };

  function handle(path: string, raw: string) {
    const f = formFields(raw);
    const requestType = f['RequestType'] ?? '';
    const answer = (() => {
      if (!f['RequestData'] || !f['DataSign'] || f['EBusinessID'] !== account.businessId) return { Success: false, Reason: '非法参数[请核实ID和key是否正确]' };
      if (f['DataSign'] !== kdniaoSign(f['RequestData'], account.appKey)) return { Success: false, Reason: '非法参数[请核实ID和key是否正确]' };
      const routes: Record<string, string[]> = { [QUERY_PATH]: ['1002', '8001'], [DIST_PATH]: ['1008'], [SANDBOX_PATH]: ['1002', '8001', '1008'] };
      if (!routes[path]?.includes(requestType)) return { Success: false, Reason: `非法参数[RequestType ${requestType}]` };
      let d: { ShipperCode?: string; LogisticCode?: string; CustomerName?: string; Sort?: number };
      try {
        d = JSON.parse(f['RequestData']) as typeof d;
      } catch {
        return { Success: false, ResultCode: '401', Reason: 'RequestData格式有误' };
      }
      if (requestType === '8001' && state.plan !== '8001') return { Success: false, Reason: '业务错误[没有可用套餐]' };
      if (state.callsLeft <= 0) return { Success: false, ResultCode: '405', Reason: '超出查询次数限制' };
      state.callsLeft--;
      if (!d.ShipperCode || !KNOWN.has(d.ShipperCode)) return { Success: false, Reason: `无效的输入[【ShipperCode】${d.ShipperCode ?? ''}不正确]` };
      if (!d.LogisticCode) return { Success: false, ResultCode: '402', Reason: '缺少快递单号' };
      const parcel = parcels.get(key(d.ShipperCode, d.LogisticCode));
      if (d.ShipperCode === 'SF' && parcel?.phone && d.CustomerName !== parcel.phone.slice(-4)) return { Success: false, Reason: '无效的输入[CustomerName不正确]' };
      if (requestType === '1008') {
        subscribed.add(key(d.ShipperCode, d.LogisticCode));
        return head({ Success: true, Reason: '', EstimatedDeliveryTime: '' });
      }
      if (!parcel) return { EBusinessID: account.businessId, ShipperCode: d.ShipperCode, LogisticCode: d.LogisticCode, Success: true, Reason: '暂无轨迹信息', State: '0', Traces: [] };
      return waybill(parcel, requestType === '8001', d.Sort ?? 0);
    })();
    calls.push({ requestType, code: String((answer as { ResultCode?: string }).ResultCode ?? ''), reason: String((answer as { Reason?: string | null }).Reason ?? '') });
    return answer;
  }

  const server = await startFakeServer(controls, handle);
  const acked = (r: unknown) => typeof r === 'object' && r !== null && (r as { Success?: unknown }).Success === true;

  async function deliver(url: string, body: string, contentType: string): Promise<PushAttempt> {
    const record = { url, body, contentType, attempts: [] as PushAttempt[] };
    pushes.push(record);
    const first = await postPush(url, body, contentType, acked, 20_000);
    record.attempts.push(first);
    if (!first.acked) {
      void (async () => {
        for (let i = 0; i < state.retries && !record.attempts.at(-1)!.acked; i++) {
          await new Promise((r) => setTimeout(r, state.retryDelayMs));
          record.attempts.push(await postPush(url, body, contentType, acked, 20_000));
        }
      })();
    }
    return first;
  }

  const pushData = (codes: { ShipperCode: string; LogisticCode: string }[]) =>
    JSON.stringify({
      EBusinessID: account.businessId, PushTime: '2026-01-01 00:00:00', Count: String(codes.length),
      Data: codes.map((c) => waybill(parcels.get(key(c.ShipperCode, c.LogisticCode))!, true, 0)),
    });

  return {
    url: server.url,
    controls,
    state,
    calls,
    pushes,
    subscribed,
    setParcel(p: KdniaoParcel) {
      parcels.set(key(p.ShipperCode, p.LogisticCode), p);
    },
    /** Pushes (101) the parcels' current traces to `url`: as form fields (the DataSign not URL-encoded) or as a JSON body. */
    async push(url: string, codes: { ShipperCode: string; LogisticCode: string }[], options: { as?: 'form' | 'json'; tamper?: (data: string) => string } = {}) {
      const data = pushData(codes);
      const sign = kdniaoSign(data, account.appKey);
      const sent = options.tamper ? options.tamper(data) : data;
      if (options.as === 'json') return deliver(url, JSON.stringify({ RequestData: sent, RequestType: '101', DataSign: sign }), 'application/json');
      return deliver(url, `RequestData=${encodeURIComponent(sent)}&RequestType=101&DataSign=${sign}`, 'application/x-www-form-urlencoded');
    },
    /** Sends a push made earlier again, byte for byte (a captured push replayed). */
    async replay(index: number) {
      const earlier = pushes.at(index);
      if (!earlier) throw new Error(`no push ${index}`);
      return deliver(earlier.url, earlier.body, earlier.contentType);
    },
    close: () => server.close(),
  };
}
export type KdniaoFake = Awaited<ReturnType<typeof startKdniaoFake>>;
