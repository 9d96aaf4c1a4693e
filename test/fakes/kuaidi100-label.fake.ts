import { createHash } from 'node:crypto';
import { formFields, startFakeServer, type FakeControls } from './provider-fake-http';

/**
 * 快递100 电子面单 V2 as documented (research/providers.md §1.4–1.5), on loopback: POST
 * /label/order with method, key, t, sign, param. It checks sign = UPPER(MD5(param + t + key +
 * secret)) over the param exactly as received, the key (30003), the carrier account's partnerId
 * (30003), the balance (30004) and the fields (30001); issues numbers with routing fields from a
 * fixture table; honours orderId + reorder=false (the first result again); gives 子母件 children
 * for needChild=1 and count > 1; cancels (orderId must be the kdComOrderNum it issued; unknown
 * number 30009); answers 复打 (printOld) for the tasks it issued; and answers any documented code
 * on demand. Envelope: {success, code, message, time, data}.
 */
export const LABEL_PATH = '/label/order';
export const KUAIDI100_DOCUMENTED_CODES = ['-1', '30001', '30002', '30003', '30004', '30009'] as const;
const WORDS: Record<string, string> = { '-1': '服务器错误', '30001': '参数错误', '30002': '验证签名失败', '30003': '账号信息不正确', '30004': '账号单量不足', '30009': '查无此单' };
const PREFIX: Record<string, string> = { zhongtong: '7310', yuantong: 'YT88', shunfeng: 'SF14', yunda: '4320', shentong: '7730', jtexpress: 'JT00' };

type Routing = { bulkpen: string; pkgCode: string; pkgName: string; destSortingCode: string; destCode: string; orgCode: string };
/** Routing by the receiver's province, as a carrier would assign it at 取号. */
export const KUAIDI100_ROUTING: Record<string, Routing> = {
  浙江省: { bulkpen: '300-W01 00', pkgCode: '571001', pkgName: '杭州转运中心', destSortingCode: '300-W01', destCode: '571023', orgCode: '769001' },
  北京市: { bulkpen: '010-B12 03', pkgCode: '100001', pkgName: '北京分拨中心', destSortingCode: '010-B12', destCode: '100045', orgCode: '769001' },
};
const DEFAULT_ROUTING: Routing = { bulkpen: '999-Z00 00', pkgCode: '000001', pkgName: '全国中转', destSortingCode: '999-Z00', destCode: '000000', orgCode: '769001' };

export type Kuaidi100Issued = {
  orderId: string | null; kuaidicom: string; kuaidinum: string; childNum: string[]; kdComOrderNum: string; taskId: string; cancelled: boolean;
  /** 子母件 children cancelled one by one (the parent and the rest stay live). */
  cancelledChildren: Set<string>; body: unknown;
};
type Man = { name?: string; mobile?: string; tel?: string; printAddr?: string; province?: string; addr?: string };
type OrderParam = { printType?: string; kuaidicom?: string; partnerId?: string; recMan?: Man; sendMan?: Man; count?: number; needChild?: string; orderId?: string; reorder?: boolean; cargo?: string };
type CancelParam = { kuaidicom?: string; kuaidinum?: string; orderId?: string; partnerId?: string };

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const manOk = (m: Man | undefined) => !!m && !!m.name && (!!m.mobile || !!m.tel) && (!!m.printAddr || (!!m.province && !!m.addr));

export async function startKuaidi100LabelFake(account: { key: string; secret: string; partners: Record<string, string>; balance?: number }) {
  const controls: FakeControls = { slowMs: 0, dropNext: 0 };
  const issued = new Map<string, Kuaidi100Issued>();
  const byOrderId = new Map<string, Kuaidi100Issued>();
  const childOf = new Map<string, Kuaidi100Issued>();
  const calls: { method: string; code: string; param: string }[] = [];
  const state = { balance: account.balance ?? Infinity, failNext: [] as string[], serial: 0, childrenAsArray: false };
  const now = () => Date.now();
  const ok = (data: unknown) => ({ success: true, code: 200, message: 'success', time: now(), data });
  const fail = (code: string, message = WORDS[code] ?? 'error') => ({ success: false, code: Number(code), message, time: now(), data: null });

  function order(p: OrderParam) {
    if (!p.kuaidicom || !(p.kuaidicom in account.partners) || p.kuaidicom !== p.kuaidicom.toLowerCase()) return fail('30001', '参数错误：kuaidicom');
    if ((p.printType ?? 'NON') !== 'NON') return fail('30001', '参数错误：printType');
    if (!manOk(p.recMan) || !manOk(p.sendMan)) return fail('30001', '参数错误：recMan/sendMan');
    if (p.partnerId !== account.partners[p.kuaidicom]) return fail('30003', '账号信息不正确：partnerId');
    // orderId + reorder=false: the first successful result again (48 h; this fake never forgets).
    const again = p.orderId && p.reorder === false ? byOrderId.get(`${p.kuaidicom}:${p.orderId}`) : undefined;
    if (again) return ok(again.body);
    if (state.balance <= 0) return fail('30004');
    state.balance--;
    const serial = () => String(++state.serial).padStart(9, '0');
    const kuaidinum = `${PREFIX[p.kuaidicom] ?? '9999'}${serial()}`;
    const count = Math.max(1, Math.floor(p.count ?? 1));
    const childNum = p.needChild === '1' && count > 1 ? Array.from({ length: count - 1 }, () => `${PREFIX[p.kuaidicom!] ?? '9999'}${serial()}`) : [];
    const routing = KUAIDI100_ROUTING[p.recMan?.province ?? ''] ?? DEFAULT_ROUTING;
    const record: Kuaidi100Issued = { orderId: p.orderId ?? null, kuaidicom: p.kuaidicom, kuaidinum, childNum, kdComOrderNum: `KD${kuaidinum}`, taskId: `T${kuaidinum}`, cancelled: false, cancelledChildren: new Set(), body: null };
    record.body = {
      taskId: record.taskId, kuaidinum, childNum: state.childrenAsArray ? childNum : childNum.join(','), returnNum: '', label: '', kdComOrderNum: record.kdComOrderNum,
      ...routing, orgName: '东莞长安', destName: '目的网点', orgSortingCode: '', orgSortingName: '', destSortingName: '', road: '', qrCode: '', expressCode: '', expressName: '',
    };
    issued.set(kuaidinum, record);
    for (const n of childNum) childOf.set(n, record);
    if (p.orderId) byOrderId.set(`${p.kuaidicom}:${p.orderId}`, record);
    return ok(record.body);
  }

  function cancel(p: CancelParam) {
    if (!p.kuaidicom || !p.kuaidinum) return fail('30001', '参数错误：kuaidinum');
    // A 子母件 child is cancelled by its own number with its parent's kdComOrderNum. Whether 快递100
    // cancels a child alone is not documented (§1.4): this fake assumes it does.
    const child = childOf.get(p.kuaidinum);
    const record = issued.get(p.kuaidinum) ?? child;
    if (!record || record.kuaidicom !== p.kuaidicom) return fail('30009');
    if (p.partnerId !== account.partners[p.kuaidicom]) return fail('30003', '账号信息不正确：partnerId');
    // orderId is required when the order returned a kdComOrderNum (§1.4).
    if (p.orderId !== record.kdComOrderNum) return fail('30001', '参数错误：orderId');
    if (child) record.cancelledChildren.add(p.kuaidinum);
    else record.cancelled = true;
    return { success: true, code: 200, message: 'success', time: now(), data: null };
  }

  function handle(raw: string) {
    const f = formFields(raw);
    const { method = '', key, t, sign, param } = f;
    if (!param || !t || !sign || !key) return fail('30001', '参数错误：数据不完整');
    if (key !== account.key) return fail('30003');
    if (sign !== md5(param + t + key + account.secret).toUpperCase()) return fail('30002');
    const forced = state.failNext.shift();
    if (forced) return fail(forced);
    let p: Record<string, unknown>;
    try {
      p = JSON.parse(param) as Record<string, unknown>;
    } catch {
      return fail('30001', '参数错误：param');
    }
    if (method === 'order') return order(p as OrderParam);
    if (method === 'cancel') return cancel(p as CancelParam);
    if (method === 'printOld') {
      const record = [...issued.values()].find((r) => r.taskId === p['taskId']);
      return record ? ok({ taskId: record.taskId }) : fail('30009');
    }
    return fail('30001', `参数错误：method ${method}`);
  }

  const server = await startFakeServer(controls, (path, raw) => {
    if (path !== LABEL_PATH) return { httpStatus: 404 };
    const f = formFields(raw);
    const answer = handle(raw);
    calls.push({ method: f['method'] ?? '', code: String(answer.code), param: f['param'] ?? '' });
    return answer;
  });

  return {
    url: server.url,
    controls,
    state,
    calls,
    issued,
    /** Numbers issued and not cancelled. */
    live: () => [...issued.values()].filter((r) => !r.cancelled).map((r) => r.kuaidinum),
    /** 子母件 children issued and not cancelled (alone or with their parent). */
    liveChildren: () => [...issued.values()].filter((r) => !r.cancelled).flatMap((r) => r.childNum.filter((n) => !r.cancelledChildren.has(n))),
    close: () => server.close(),
  };
}
export type Kuaidi100LabelFake = Awaited<ReturnType<typeof startKuaidi100LabelFake>>;
