import { parseTopTimestamp, topSign, type TopSignMethod } from '../../electron/providers/waybill/top-sign';
import { createLedger, refusalWords, type FakeSubscription, type Refusal } from './platform-ledger.fake';
import { formFields, startFakeServer, type FakeControls } from './provider-fake-http';

/**
 * 菜鸟电子面单 through the Taobao open platform, on loopback (research/providers.md §3.2–3.5): it
 * recomputes `sign` (md5 or hmac) over every form field it received, refuses a timestamp more than
 * 10 minutes off its clock (31) and an unknown session (27), issues numbers with opaque encrypted
 * print data through `cainiao.waybill.ii.get` (the same number again for the same orders and package id),
 * cancels, answers `cainiao.waybill.ii.search`, and any documented error on demand.
 */
export type TopSeller = { session: string; userId: string; subscriptions: Record<string, FakeSubscription> };
export type TopError = { code: number; msg: string; sub_code?: string; sub_msg?: string };

/** The platform codes TOP documents (§3.2), with their messages. */
export const topDocumentedErrors: TopError[] = [
  { code: 7, msg: 'App Call Limited' }, { code: 9, msg: 'Http Action Not Allowed' }, { code: 10, msg: 'Service Currently Unavailable' },
  { code: 11, msg: 'Insufficient ISV Permissions' }, { code: 12, msg: 'Insufficient User Permissions' },
  { code: 15, msg: 'Remote Service Error', sub_code: 'isp.remote-service-error', sub_msg: 'remote service timeout' },
  { code: 15, msg: 'Remote Service Error', sub_code: 'isv.invalid-parameter', sub_msg: '参数错误' },
  { code: 21, msg: 'Missing Method' }, { code: 22, msg: 'Invalid Method' }, { code: 23, msg: 'Invalid Format' },
  { code: 24, msg: 'Missing Signature' }, { code: 25, msg: 'Invalid Signature' }, { code: 26, msg: 'Missing Session' }, { code: 27, msg: 'Invalid Session' },
  { code: 28, msg: 'Missing App Key' }, { code: 29, msg: 'Invalid App Key' }, { code: 30, msg: 'Missing Timestamp' }, { code: 31, msg: 'Invalid Timestamp' },
  { code: 32, msg: 'Missing Version' }, { code: 33, msg: 'Invalid Version' }, { code: 34, msg: 'Unsupported Version' },
  { code: 40, msg: 'Missing Required Arguments' }, { code: 41, msg: 'Invalid Arguments' },
];

const WINDOW_MS = 10 * 60_000;

export async function startTopWaybillFake(app: { appKey: string; secret: string; sellers: TopSeller[]; now?: () => number }) {
  const controls: FakeControls = { slowMs: 0, dropNext: 0 };
  const ledger = createLedger('7500', 'templateURL');
  const state = { failNext: [] as TopError[], refuseCancel: false };
  const calls: { method: string; fields: Record<string, string>; answer: 'ok' | number }[] = [];
  const now = app.now ?? Date.now;
  let requestSeq = 0;
  const requestId = () => `fake${++requestSeq}`;
  const fail = (e: TopError) => ({ error_response: { ...e, request_id: requestId() } });
  const business = (r: Refusal) => fail({ code: 15, msg: 'Remote Service Error', sub_code: `isv.${r.reason}`, sub_msg: `${refusalWords[r.reason]}: ${r.detail}` });

  function handle(f: Record<string, string>): unknown {
    const method = f['method'] ?? '';
    if (!method) return fail({ code: 21, msg: 'Missing Method' });
    if (!f['app_key']) return fail({ code: 28, msg: 'Missing App Key' });
    if (f['app_key'] !== app.appKey) return fail({ code: 29, msg: 'Invalid App Key' });
    if (!f['sign']) return fail({ code: 24, msg: 'Missing Signature' });
    const signMethod = (f['sign_method'] ?? 'md5') as TopSignMethod;
    if ((signMethod !== 'md5' && signMethod !== 'hmac') || f['sign'] !== topSign(f, app.secret, signMethod)) return fail({ code: 25, msg: 'Invalid Signature' });
    if (!f['timestamp']) return fail({ code: 30, msg: 'Missing Timestamp' });
    const at = parseTopTimestamp(f['timestamp']);
    if (at === null || Math.abs(at - now()) > WINDOW_MS) return fail({ code: 31, msg: 'Invalid Timestamp' });
    if (!f['v']) return fail({ code: 32, msg: 'Missing Version' });
    if (f['v'] !== '2.0') return fail({ code: 34, msg: 'Unsupported Version' });
    if (f['format'] !== 'json') return fail({ code: 23, msg: 'Invalid Format' });
    if (!f['session']) return fail({ code: 26, msg: 'Missing Session' });
    const seller = app.sellers.find((s) => s.session === f['session']);
    if (!seller) return fail({ code: 27, msg: 'Invalid Session' });
    const forced = state.failNext.shift();
    if (forced) return fail(forced);
    const wrap = (body: Record<string, unknown>) => ({ [`${method.replaceAll('.', '_')}_response`]: { ...body, request_id: requestId() } });

    if (method === 'cainiao.waybill.ii.get') {
      const result = ledger.apply(f['param_waybill_cloud_print_apply_new_request'], 'cp_code', seller.subscriptions, seller.userId, true);
      if (!Array.isArray(result)) return result.reason === 'missing' ? fail({ code: 40, msg: 'Missing Required Arguments', sub_code: 'isv.missing-parameter', sub_msg: result.detail }) : business(result);
      // Default JSON wraps the list in its element type; simplify=true does not (§3.2).
      return wrap({ modules: f['simplify'] === 'true' ? result : { waybill_cloud_print_response: result } });
    }
    if (method === 'cainiao.waybill.ii.cancel') {
      if (!f['cp_code'] || !f['waybill_code']) return fail({ code: 40, msg: 'Missing Required Arguments', sub_code: 'isv.missing-parameter', sub_msg: 'cp_code, waybill_code' });
      if (state.refuseCancel) return wrap({ cancel_result: false });
      const done = ledger.cancel(f['cp_code'], f['waybill_code']);
      return done === true ? wrap({ cancel_result: true }) : business(done);
    }
    if (method === 'cainiao.waybill.ii.search') {
      const cols = Object.entries(seller.subscriptions)
        .filter(([cp]) => !f['cp_code'] || cp === f['cp_code'])
        .map(([cp, s]) => ({ cp_code: cp, branch_account_cols: { waybill_branch_account: [{ quantity: s.balance, shipp_address_cols: { address_dto: [s.address] } }] } }));
      return wrap({ waybill_apply_subscription_cols: { waybill_apply_subscription_info: cols } });
    }
    return fail({ code: 22, msg: 'Invalid Method' });
  }

  const server = await startFakeServer(controls, (path, raw) => {
    if (path !== '/router/rest') return { httpStatus: 404 };
    const fields = formFields(raw);
    const answer = handle(fields);
    const code = (answer as { error_response?: { code: number } }).error_response?.code;
    calls.push({ method: fields['method'] ?? '', fields, answer: code ?? 'ok' });
    return answer;
  });

  return { url: `${server.url}/router/rest`, controls, state, calls, ledger, close: () => server.close() };
}
export type TopWaybillFake = Awaited<ReturnType<typeof startTopWaybillFake>>;
