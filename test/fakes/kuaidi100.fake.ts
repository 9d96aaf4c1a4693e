import { createHash } from 'node:crypto';
import { formFields, postPush, startFakeServer, type FakeControls, type PushAttempt } from './provider-fake-http';

/**
 * 快递100 as documented (research/providers.md §1.2–1.3, §1.5), on loopback. It checks every
 * signature over the field as received, answers every documented returnCode, keeps a quota
 * (601 once spent), holds the traces a test scripts, keeps subscriptions (501 for a repeat, at
 * most 4 a month) and pushes like 快递100: form `param` + `sign = MD5(param + salt)`, retried when
 * not acknowledged with {"result":true,"returnCode":"200",…}.
 */
export type Kuaidi100Node = { ftime: string; context: string; areaName?: string; status?: string; statusCode?: string };
export type Kuaidi100Parcel = { com: string; num: string; state: string; nodes: Kuaidi100Node[]; phone?: string; routeTo?: string };
type Subscription = { callbackurl: string; salt: string | null; status: 'polling' | 'shutdown' | 'abort'; count: number };

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
/** The carrier codes this fake knows (a subset of 快递100's list). */
const KNOWN = new Set(['shunfeng', 'zhongtong', 'yuantong', 'shentong', 'yunda', 'jtexpress', 'ems', 'youzhengguonei', 'jd', 'debangkuaidi', 'huitongkuaidi']);
const NEEDS_PHONE = new Set(['shunfeng', 'zhongtong']);
const fail = (returnCode: string, message: string) => ({ result: false, returnCode, message });

export async function startKuaidi100Fake(account: { key: string; customer: string; quota?: number }) {
  const controls: FakeControls = { slowMs: 0, dropNext: 0 };
  const parcels = new Map<string, Kuaidi100Parcel>();
  const subscriptions = new Map<string, Subscription>();
  const queries: { com: string; num: string; phone: string | undefined; code: string }[] = [];
  const pushes: { num: string; callbackurl: string; body: string; attempts: PushAttempt[] }[] = [];
  const state = { quota: account.quota ?? Infinity, keyExpired: false, failNext: [] as string[], refusesSubscription: new Set<string>(), retryDelayMs: 50, pushTimeoutMs: 20_000 };
  const id = (com: string, num: string) => `${com}:${num}`;

  const traceBody = (p: Kuaidi100Parcel, order: string, resultv2: string) => {
    const nodes = [...p.nodes].sort((a, b) => a.ftime.localeCompare(b.ftime));
    if (order !== 'asc') nodes.reverse();
    const detailed = Number(resultv2) >= 1;
    return {
      message: 'ok', nu: p.num, ischeck: p.state === '3' ? '1' : '0', condition: '00', com: p.com, status: '200', state: p.state,
      data: nodes.map((n) => ({
        time: n.ftime, ftime: n.ftime, context: n.context,
        ...(detailed ? { areaCode: null, areaName: n.areaName ?? null, status: n.status ?? '在途' } : {}),
        ...(Number(resultv2) >= 4 ? { statusCode: n.statusCode ?? p.state, areaCenter: null, areaPinYin: null } : {}),
      })),
      ...(Number(resultv2) >= 4 && p.routeTo ? { routeInfo: { from: null, cur: null, to: { number: 'CN000', name: p.routeTo } } } : {}),
    };
  };

  function query(f: Record<string, string>) {
    const param = f['param'];
    if (!param || !f['customer'] || !f['sign']) return fail('400', '提交的数据不完整，或者贵公司没授权');
    if (f['signType'] !== undefined && f['signType'] !== 'MD5') return fail('503', '验证签名失败');
    if (f['customer'] !== account.customer || f['sign'] !== md5(param + account.key + account.customer).toUpperCase()) return fail('503', '验证签名失败');
    let p: { com?: string; num?: string; phone?: string; order?: string; resultv2?: string };
    try {
      p = JSON.parse(param) as typeof p;
    } catch {
      return fail('400', '提交的数据不完整，或者贵公司没授权');
    }
    const reply = (() => {
      const forced = state.failNext.shift();
      if (forced) return fail(forced, `forced ${forced}`);
      if (!p.com || !KNOWN.has(p.com) || p.com !== p.com.toLowerCase()) return fail('400', '找不到对应公司');
      if (!p.num || p.num.length < 6 || p.num.length > 32) return fail('400', '提交的数据不完整，或者贵公司没授权');
      if (state.quota <= 0) return fail('601', '没有可用单量');
      state.quota--;
      const parcel = parcels.get(id(p.com, p.num));
      if (parcel && NEEDS_PHONE.has(p.com) && parcel.phone && p.phone !== parcel.phone.slice(-4)) return fail('408', '快递公司参数异常：验证码错误');
      if (!parcel || parcel.nodes.length === 0) return fail('500', '查询无结果，请隔段时间再查');
      return traceBody(parcel, p.order ?? 'desc', p.resultv2 ?? '0');
    })();
    queries.push({ com: p.com ?? '', num: p.num ?? '', phone: p.phone, code: 'returnCode' in reply ? reply.returnCode : '200' });
    return reply;
  }

  function subscribe(f: Record<string, string>) {
    let p: { company?: string; number?: string; key?: string; parameters?: { callbackurl?: string; salt?: string | null; autoCom?: string } };
    try {
      p = JSON.parse(f['param'] ?? '') as typeof p;
    } catch {
      return fail('700', '数据不完整');
    }
    if (p.key !== account.key) return fail('600', '您不是合法的订阅者（即授权Key出错）');
    if (state.keyExpired) return fail('601', 'POLL:KEY已过期');
    const forced = state.failNext.shift();
    if (forced) return fail(forced, `forced ${forced}`);
    if (!p.parameters?.callbackurl || !/^https?:\/\//.test(p.parameters.callbackurl)) return fail('700', '回调地址不正确');
    if (!p.number || p.number.length < 6 || p.number.length > 32) return fail('700', '单号不正确');
    if (!p.company) return fail(p.parameters.autoCom === '1' ? '702' : '700', '无法识别快递公司');
    if (!KNOWN.has(p.company)) return fail('700', '不支持的快递公司');
    if (state.refusesSubscription.has(p.company)) return fail('701', '拒绝订阅的快递公司');
    const existing = subscriptions.get(id(p.company, p.number));
    if (existing && (existing.status === 'polling' || existing.count >= 4)) return fail('501', '重复订阅');
    subscriptions.set(id(p.company, p.number), { callbackurl: p.parameters.callbackurl, salt: p.parameters.salt ?? null, status: 'polling', count: (existing?.count ?? 0) + 1 });
    return { result: true, returnCode: '200', message: '提交成功' };
  }

  const server = await startFakeServer(controls, (path, raw) => {
    const f = formFields(raw);
    if (path === '/poll/query.do') return query(f);
    if (path === '/poll') return subscribe(f);
    return { httpStatus: 404 };
  });

  /** Builds the push 快递100 would send for the parcel now (its whole trace, newest first). */
  const pushParam = (num: string, over: { status?: 'polling' | 'shutdown' | 'abort' | 'updateall'; comNew?: string; message?: string } = {}) => {
    const sub = [...subscriptions.entries()].find(([k]) => k.endsWith(`:${num}`));
    if (!sub) throw new Error(`no subscription for ${num}`);
    const parcel = parcels.get(sub[0]);
    const status = over.status ?? (parcel?.state === '3' ? 'shutdown' : 'polling');
    const param = JSON.stringify({
      status, billstatus: 'check', message: over.message ?? '', autoCheck: '0', comOld: over.comNew ? sub[0].split(':')[0] : '', comNew: over.comNew ?? '',
      lastResult: parcel ? traceBody(parcel, 'desc', '4') : undefined,
    });
    return { sub: sub[1], param };
  };

  /** Posts a form body to the subscription's callback and retries (3×, retryDelayMs apart) until acknowledged. */
  async function deliver(num: string, callbackurl: string, body: string): Promise<PushAttempt> {
    const record = { num, callbackurl, body, attempts: [] as PushAttempt[] };
    pushes.push(record);
    const acked = (r: unknown) => typeof r === 'object' && r !== null && (r as { result?: unknown }).result === true && (r as { returnCode?: unknown }).returnCode === '200';
    const first = await postPush(callbackurl, body, 'application/x-www-form-urlencoded', acked, state.pushTimeoutMs);
    record.attempts.push(first);
    if (!first.acked) {
      void (async () => {
        for (let i = 0; i < 3 && !record.attempts.at(-1)!.acked; i++) {
          await new Promise((r) => setTimeout(r, state.retryDelayMs));
          record.attempts.push(await postPush(callbackurl, body, 'application/x-www-form-urlencoded', acked, state.pushTimeoutMs));
        }
      })();
    }
    return first;
  }

  return {
    url: server.url,
    controls,
    state,
    queries,
    pushes,
    subscriptions,
    /** Scripts a parcel's trace (replacing what it had). */
    setParcel(p: Kuaidi100Parcel) {
      parcels.set(id(p.com, p.num), p);
    },
    /** Pushes the parcel's current trace, signed with the subscription's salt (the doc's lowercase, or the SDK's uppercase). */
    async push(num: string, over: Parameters<typeof pushParam>[1] & { signCase?: 'lower' | 'upper' } = {}) {
      const { sub, param } = pushParam(num, over);
      if (over.status === 'shutdown' || over.status === 'abort') sub.status = over.status;
      const sign = sub.salt === null ? '' : over.signCase === 'upper' ? md5(param + sub.salt).toUpperCase() : md5(param + sub.salt);
      const body = new URLSearchParams(sub.salt === null ? { param } : { param, sign }).toString();
      return deliver(num, sub.callbackurl, body);
    },
    /** A push whose fields the test supplies (tampered, unsigned…), to the subscription's callback. */
    async pushRaw(num: string, fields: (param: string, sign: string) => Record<string, string>) {
      const { sub, param } = pushParam(num);
      return deliver(num, sub.callbackurl, new URLSearchParams(fields(param, md5(param + (sub.salt ?? '')))).toString());
    },
    /** Sends a push made earlier again, byte for byte (what anyone who captured it on the plain-HTTP callback can do). */
    async replay(index: number) {
      const earlier = pushes.at(index);
      if (!earlier) throw new Error(`no push ${index}`);
      return deliver(earlier.num, earlier.callbackurl, earlier.body);
    },
    close: () => server.close(),
  };
}
export type Kuaidi100Fake = Awaited<ReturnType<typeof startKuaidi100Fake>>;
