import { popSign } from '../../electron/providers/waybill/pop-sign';
import { createLedger, refusalWords, type FakeSubscription, type Refusal } from './platform-ledger.fake';
import { formFields, startFakeServer, type FakeControls } from './provider-fake-http';

/**
 * 拼多多电子面单 through the PDD open platform, on loopback (research/providers.md §4.2–4.3): it
 * recomputes `sign` over every non-empty form field received, refuses a `timestamp` (Unix seconds)
 * more than 10 minutes off (10001), checks `client_id` and `access_token`, issues numbers with opaque
 * encrypted print data through `pdd.waybill.get` (the same number again for the same orders and
 * package id), cancels, answers `pdd.waybill.search`, and any documented error code on demand.
 */
export type PddSeller = { accessToken: string; userId: string; expired?: boolean; subscriptions: Record<string, FakeSubscription> };
export type PddError = { error_code: number; error_msg: string; sub_code?: string | null; sub_msg?: string };

/** The codes PDD documents (§4.2). */
export const pddDocumentedErrors: PddError[] = [
  { error_code: 10000, error_msg: '参数错误' }, { error_code: 10001, error_msg: '公共参数错误:type' },
  { error_code: 10016, error_msg: 'client_id不存在' }, { error_code: 10017, error_msg: 'type不存在' },
  { error_code: 10019, error_msg: 'access_token已过期' }, { error_code: 20004, error_msg: '签名sign校验失败' },
  { error_code: 20005, error_msg: 'ip不在白名单中' }, { error_code: 20031, error_msg: '用户没有授权访问此接口' },
  { error_code: 20032, error_msg: 'access_token或client_id错误' }, { error_code: 21001, error_msg: '请求参数错误' },
  { error_code: 21002, error_msg: '请求参数不能为空' }, { error_code: 50000, error_msg: '系统内部错误' },
  { error_code: 50001, error_msg: '业务服务错误' }, { error_code: 50002, error_msg: '业务服务错误' },
  { error_code: 52101, error_msg: '当前接口被限流' }, { error_code: 70031, error_msg: '调用过于频繁' },
  { error_code: 70036, error_msg: '测试应用调用次数超限' },
];

const WINDOW_S = 600;

export async function startPddWaybillFake(app: { clientId: string; clientSecret: string; sellers: PddSeller[]; now?: () => number }) {
  const controls: FakeControls = { slowMs: 0, dropNext: 0 };
  const ledger = createLedger('YT', 'templateUrl');
  const state = { failNext: [] as PddError[], refuseCancel: false };
  const calls: { type: string; fields: Record<string, string>; answer: 'ok' | number }[] = [];
  const now = app.now ?? Date.now;
  let requestSeq = 0;
  const fail = (e: PddError) => ({ error_response: { sub_code: null, sub_msg: '', ...e, request_id: `fake${++requestSeq}` } });
  // The waybill APIs' business codes are unpublished: the generic 请求参数错误 with the platform's words.
  const business = (r: Refusal) => fail({ error_code: 21001, error_msg: '请求参数错误', sub_code: `isv.${r.reason}`, sub_msg: `${refusalWords[r.reason]}: ${r.detail}` });

  function handle(f: Record<string, string>): unknown {
    const type = f['type'] ?? '';
    if (!type) return fail({ error_code: 10001, error_msg: '公共参数错误:type' });
    if (!f['client_id']) return fail({ error_code: 10001, error_msg: '公共参数错误:client_id' });
    if (f['client_id'] !== app.clientId) return fail({ error_code: 10016, error_msg: 'client_id不存在' });
    if (!f['timestamp'] || !/^\d{1,12}$/.test(f['timestamp']) || Math.abs(Number(f['timestamp']) - now() / 1000) > WINDOW_S) {
      return fail({ error_code: 10001, error_msg: '公共参数错误:timestamp' });
    }
    if (!f['sign'] || f['sign'] !== popSign(f, app.clientSecret)) return fail({ error_code: 20004, error_msg: '签名sign校验失败' });
    if ((f['data_type'] ?? 'JSON') !== 'JSON') return fail({ error_code: 10001, error_msg: '公共参数错误:data_type' });
    if (!f['access_token']) return fail({ error_code: 10001, error_msg: '公共参数错误:access_token' });
    const seller = app.sellers.find((s) => s.accessToken === f['access_token']);
    if (!seller) return fail({ error_code: 20032, error_msg: 'access_token或client_id错误' });
    if (seller.expired) return fail({ error_code: 10019, error_msg: 'access_token已过期' });
    const forced = state.failNext.shift();
    if (forced) return fail(forced);
    const wrap = (body: Record<string, unknown>) => ({ [`${type.replaceAll('.', '_')}_response`]: body });

    if (type === 'pdd.waybill.get') {
      const result = ledger.apply(f['param_waybill_cloud_print_apply_new_request'], 'wp_code', seller.subscriptions, seller.userId, false);
      if (!Array.isArray(result)) return result.reason === 'missing' ? fail({ error_code: 21002, error_msg: '请求参数不能为空', sub_msg: result.detail }) : business(result);
      // No list-type wrapper, unlike TOP's default (§4.3).
      return wrap({ modules: result });
    }
    if (type === 'pdd.waybill.cancel') {
      if (!f['wp_code'] || !f['waybill_code']) return fail({ error_code: 21002, error_msg: '请求参数不能为空', sub_msg: 'wp_code, waybill_code' });
      if (state.refuseCancel) return wrap({ cancel_result: false });
      const done = ledger.cancel(f['wp_code'], f['waybill_code']);
      return done === true ? wrap({ cancel_result: true }) : business(done);
    }
    if (type === 'pdd.waybill.search') {
      const cols = Object.entries(seller.subscriptions)
        .filter(([wp]) => !f['wp_code'] || wp === f['wp_code'])
        .map(([wp, s]) => ({ wp_code: wp, branch_account_cols: [{ quantity: s.balance, shipp_address_cols: [s.address] }] }));
      return wrap({ waybill_apply_subscription_cols: cols });
    }
    return fail({ error_code: 10017, error_msg: 'type不存在' });
  }

  const server = await startFakeServer(controls, (path, raw) => {
    if (path !== '/api/router') return { httpStatus: 404 };
    const fields = formFields(raw);
    const answer = handle(fields);
    const code = (answer as { error_response?: { error_code: number } }).error_response?.error_code;
    calls.push({ type: fields['type'] ?? '', fields, answer: code ?? 'ok' });
    return answer;
  });

  return { url: `${server.url}/api/router`, controls, state, calls, ledger, close: () => server.close() };
}
export type PddWaybillFake = Awaited<ReturnType<typeof startPddWaybillFake>>;
