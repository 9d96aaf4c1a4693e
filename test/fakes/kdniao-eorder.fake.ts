import { createHash } from 'node:crypto';
import { formFields, startFakeServer, type FakeControls } from './provider-fake-http';

/**
 * 快递鸟 电子面单 as documented (research/providers.md §2.1, §2.5–2.7), on loopback: RequestType
 * 1007 (取号) and 1147 (取消) at /api/EOrderService or the sandbox's single path. It checks
 * DataSign = Base64(lowercase hex MD5(RequestData + AppKey)) over the form-decoded RequestData
 * (非法参数 on a mismatch), refuses the forbidden characters ' " # & + < > % \ in any value (103),
 * required fields (101), the carrier account (104), the balance (105 余额不足) and a daily call
 * limit (405); issues LogisticCode with MarkDestination / PackageName / SortingCode from a fixture
 * table; answers a repeated OrderCode with 106 and the original Order; gives Quantity > 1 a
 * SubOrders list (as a string or an array: its type is unverified); cancels (an unknown number:
 * 105 单号不存在; ExpNo missing 402, odd characters 403, wrong length 404).
 */
export const EORDER_PATH = '/api/EOrderService';
export const SANDBOX_PATH = '/kdniaosandbox/gateway/exterfaceInvoke.json';
/** Every ResultCode of §2.6 that is a failure, with its documented words. */
export const KDNIAO_DOCUMENTED_CODES: Record<string, string> = {
  '101': '缺少必要参数', '102': '校验问题', '103': '格式问题', '104': '用户问题', '105': '其他错误', '401': 'RequestData格式有误',
  '402': '缺少快递单号', '403': '快递单号有特殊字符', '404': '快递单号长度不符', '405': '超出查询次数限制',
};
const FORBIDDEN = /['"#&+<>%\\]/;
const PREFIX: Record<string, string> = { ZTO: '7310', YTO: 'YT88', SF: 'SF14', YD: '4320', STO: '7730', JTSD: 'JT00' };

type Routing = { MarkDestination: string; PackageCode: string; PackageName: string; SortingCode: string; OriginCode: string; DestinatioCode: string };
export const KDNIAO_ROUTING: Record<string, Routing> = {
  浙江省: { MarkDestination: '300-W01 00', PackageCode: '571001', PackageName: '杭州转运中心', SortingCode: '300-W01', OriginCode: '769001', DestinatioCode: '571023' },
  北京市: { MarkDestination: '010-B12 03', PackageCode: '北京', PackageName: '北京分拨中心', SortingCode: '010-B12', OriginCode: '769001', DestinatioCode: '100045' },
};
const DEFAULT_ROUTING: Routing = { MarkDestination: '999-Z00 00', PackageCode: '000001', PackageName: '全国中转', SortingCode: '999-Z00', OriginCode: '769001', DestinatioCode: '000000' };

type Party = { Name?: string; Tel?: string; Mobile?: string; ProvinceName?: string; CityName?: string; Address?: string };
type EOrder = { OrderCode?: string; ShipperCode?: string; CustomerName?: string; CustomerPwd?: string; Sender?: Party; Receiver?: Party; Commodity?: { GoodsName?: string }[]; Quantity?: number };
export type KdniaoIssued = { orderCode: string; shipper: string; number: string; subOrders: string[]; cancelled: boolean; order: Record<string, unknown>; data: EOrder };

const sign = (data: string, appKey: string) => Buffer.from(createHash('md5').update(data + appKey, 'utf8').digest('hex'), 'ascii').toString('base64');
const partyOk = (p: Party | undefined) => !!p && !!p.Name && (!!p.Tel || !!p.Mobile) && !!p.ProvinceName && !!p.CityName && !!p.Address;
const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);

export async function startKdniaoEOrderFake(account: {
  businessId: string; appKey: string;
  /** ShipperCode → the 网点 account it accepts. */
  customers: Record<string, { CustomerName: string; CustomerPwd?: string }>;
  balance?: number; dailyLimit?: number;
}) {
  const controls: FakeControls = { slowMs: 0, dropNext: 0 };
  const issued = new Map<string, KdniaoIssued>();
  const byOrderCode = new Map<string, KdniaoIssued>();
  const calls: { requestType: string; success: boolean; code: string; reason: string; data: string }[] = [];
  const state = {
    balance: account.balance ?? Infinity, callsLeft: account.dailyLimit ?? Infinity, serial: 0,
    /** Forced answers: a documented code (its words as Reason) or a reason alone (非法参数…, 没有可用套餐). */
    failNext: [] as { code?: string; reason?: string }[],
    subOrdersAs: 'string' as 'string' | 'array',
  };
  const head = { EBusinessID: account.businessId, UniquerRequestNumber: '' };
  const fail = (code: string, reason = KDNIAO_DOCUMENTED_CODES[code] ?? '') => ({ ...head, Success: false, ResultCode: code, Reason: reason });
  const illegal = (what: string) => ({ ...head, Success: false, Reason: `非法参数[${what}]` });

  function issue(d: EOrder) {
    if (!d.OrderCode || !d.ShipperCode || !partyOk(d.Sender) || !partyOk(d.Receiver) || !d.Commodity?.[0]?.GoodsName) return fail('101');
    const customer = account.customers[d.ShipperCode];
    if (!customer || customer.CustomerName !== d.CustomerName || (customer.CustomerPwd ?? d.CustomerPwd) !== d.CustomerPwd) return fail('104', '用户问题[电子面单账号不正确]');
    const again = byOrderCode.get(`${d.ShipperCode}:${d.OrderCode}`);
    if (again) return { ...head, Success: true, ResultCode: '106', Reason: '该订单号已下单成功', Order: again.order, ...sub(again.subOrders) };
    if (state.balance <= 0) return fail('105', '电子面单余额不足');
    state.balance--;
    const serial = () => `${PREFIX[d.ShipperCode!] ?? '9999'}${String(++state.serial).padStart(9, '0')}`;
    const number = serial();
    const quantity = Math.max(1, Math.floor(d.Quantity ?? 1));
    const subOrders = quantity > 1 ? Array.from({ length: quantity - 1 }, serial) : [];
    const order = { OrderCode: d.OrderCode, ShipperCode: d.ShipperCode, LogisticCode: number, ...(KDNIAO_ROUTING[d.Receiver!.ProvinceName!] ?? DEFAULT_ROUTING), OriginName: '东莞长安', DestinatioName: '目的网点' };
    const record: KdniaoIssued = { orderCode: d.OrderCode, shipper: d.ShipperCode, number, subOrders, cancelled: false, order, data: d };
    issued.set(number, record);
    byOrderCode.set(`${d.ShipperCode}:${d.OrderCode}`, record);
    return { ...head, Success: true, ResultCode: '100', Reason: '', Order: order, ...sub(subOrders), EstimatedDeliveryTime: '' };
  }
  const sub = (subOrders: string[]) => (subOrders.length ? { SubCount: subOrders.length, SubOrders: state.subOrdersAs === 'array' ? subOrders : subOrders.join(',') } : {});

  function cancel(d: { ShipperCode?: string; OrderCode?: string; ExpNo?: string; CustomerName?: string }) {
    if (!d.ExpNo) return fail('402');
    if (!/^[A-Za-z0-9]+$/.test(d.ExpNo)) return fail('403');
    if (d.ExpNo.length < 8 || d.ExpNo.length > 30) return fail('404');
    const record = issued.get(d.ExpNo);
    if (!record || record.shipper !== d.ShipperCode) return fail('105', '单号不存在');
    if (account.customers[record.shipper]?.CustomerName !== d.CustomerName) return fail('104', '用户问题[电子面单账号不正确]');
    record.cancelled = true;
    return { ...head, Success: true, ResultCode: '100', Reason: '' };
  }

  function handle(path: string, raw: string) {
    const f = formFields(raw);
    const requestType = f['RequestType'] ?? '';
    if (!f['RequestData'] || !f['DataSign'] || f['EBusinessID'] !== account.businessId) return illegal('请核实ID和key是否正确');
    if (f['DataSign'] !== sign(f['RequestData'], account.appKey)) return illegal('请核实ID和key是否正确');
    if (![EORDER_PATH, SANDBOX_PATH].includes(path) || !['1007', '1147'].includes(requestType)) return illegal(`RequestType ${requestType}`);
    let d: Record<string, unknown>;
    try {
      d = JSON.parse(f['RequestData']) as Record<string, unknown>;
    } catch {
      return fail('401');
    }
    const forced = state.failNext.shift();
    if (forced) return forced.code ? fail(forced.code, forced.reason) : { ...head, Success: false, Reason: forced.reason ?? '' };
    if (state.callsLeft <= 0) return fail('405');
    state.callsLeft--;
    if (strings(d).some((s) => FORBIDDEN.test(s))) return fail('103', '格式问题[含有非法字符]');
    return requestType === '1007' ? issue(d as EOrder) : cancel(d as Parameters<typeof cancel>[0]);
  }

  const server = await startFakeServer(controls, (path, raw) => {
    const answer = handle(path, raw) as { Success: boolean; ResultCode?: string; Reason: string };
    const f = formFields(raw);
    calls.push({ requestType: f['RequestType'] ?? '', success: answer.Success, code: answer.ResultCode ?? '', reason: answer.Reason, data: f['RequestData'] ?? '' });
    return answer;
  });

  return {
    url: server.url,
    controls,
    state,
    calls,
    issued,
    live: () => [...issued.values()].filter((r) => !r.cancelled).map((r) => r.number),
    close: () => server.close(),
  };
}
export type KdniaoEOrderFake = Awaited<ReturnType<typeof startKdniaoEOrderFake>>;
