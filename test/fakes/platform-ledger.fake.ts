import { randomBytes } from 'node:crypto';

/**
 * What the 菜鸟 (TOP) and 拼多多 (POP) waybill fakes share: reading `param_waybill_cloud_print_apply_new_request`
 * as both document it (research/providers.md §3.3, §4.3), issuing numbers per seller, and the
 * platform's idempotency: the same orders (trade_order_list) with the same package id are the same
 * parcel, so asking again hands back the live number it already has, not a second one.
 */
export type FakeAddress = { province: string; city: string; district: string; detail: string };
/** A seller's e-waybill subscription with a carrier: the 网点 address its sender address must match, and its balance. */
export type FakeSubscription = { address: FakeAddress; balance: number };

export type Refusal = { reason: 'missing' | 'invalid' | 'not-subscribed' | 'address' | 'masked' | 'balance' | 'gone'; detail: string };
export type IssuedModule = { object_id: string; waybill_code: string; print_data: string; parent_waybill_code?: string };
type Parcel = { number: string; carrier: string; key: string; printData: string; cancelled: boolean };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function createLedger(numberPrefix: string, templateKey: 'templateURL' | 'templateUrl') {
  const byKey = new Map<string, Parcel>();
  const byNumber = new Map<string, Parcel>();
  const state = { seq: 0, plainPrintData: false };

  function printData(number: string, carrier: string, templateUrl: string): string {
    if (state.plainPrintData) {
      // need_encrypt=false: the plain data with routing, shaped like Cainiao's cloud-print sample (china-formats §4.4).
      return JSON.stringify({
        data: {
          waybillCode: number, cpCode: carrier,
          routingInfo: { sortation: { name: '470' }, routeCode: 'B003 000', consolidation: { code: 'J210039', name: '南京市内包' }, origin: { code: '455387', name: '河南安阳公司' } },
        },
        signature: 'MD:fake', [templateKey]: templateUrl,
      });
    }
    // Opaque to everyone but the real print component, as the real thing is (§0 rule 3).
    return JSON.stringify({ encryptedData: `AES:${randomBytes(48).toString('base64')}`, signature: `MD:${randomBytes(16).toString('base64')}`, [templateKey]: templateUrl, ver: 'waybill_print_secret_version_1' });
  }

  /** One apply request for a seller → modules, or why the platform refuses it. */
  function apply(raw: string | undefined, carrierField: 'cp_code' | 'wp_code', subscriptions: Record<string, FakeSubscription>, userId: string, acceptsOaid: boolean): IssuedModule[] | Refusal {
    if (raw === undefined || raw === '') return { reason: 'missing', detail: 'param_waybill_cloud_print_apply_new_request' };
    let p: unknown;
    try {
      p = JSON.parse(raw);
    } catch {
      return { reason: 'invalid', detail: 'param_waybill_cloud_print_apply_new_request' };
    }
    if (!isObj(p)) return { reason: 'invalid', detail: 'param' };
    const carrier = str(p[carrierField]);
    if (carrier === '') return { reason: 'missing', detail: carrierField };
    const sub = subscriptions[carrier];
    if (!sub) return { reason: 'not-subscribed', detail: carrier };
    const sender = isObj(p['sender']) ? p['sender'] : {};
    const sa = isObj(sender['address']) ? sender['address'] : {};
    if (!str(sender['name']) || (!str(sender['mobile']) && !str(sender['phone']))) return { reason: 'missing', detail: 'sender' };
    const a = sub.address;
    if (str(sa['province']) !== a.province || str(sa['city']) !== a.city || str(sa['district']) !== a.district || str(sa['detail']) !== a.detail) return { reason: 'address', detail: carrier };
    const dtos = p['trade_order_info_dtos'];
    if (!Array.isArray(dtos) || dtos.length === 0) return { reason: 'missing', detail: 'trade_order_info_dtos' };
    if (dtos.length > 10) return { reason: 'invalid', detail: 'trade_order_info_dtos > 10' };
    const ids = new Set<string>();
    for (const d of dtos as unknown[]) {
      if (!isObj(d)) return { reason: 'invalid', detail: 'trade_order_info_dto' };
      const id = str(d['object_id']);
      if (id === '' || ids.has(id)) return { reason: 'invalid', detail: `object_id ${id}` };
      ids.add(id);
      if (!str(d['template_url'])) return { reason: 'missing', detail: 'template_url' };
      if (String(d['user_id'] ?? '') !== userId) return { reason: 'invalid', detail: 'user_id' };
      const orders = isObj(d['order_info']) ? d['order_info']['trade_order_list'] : undefined;
      if (!Array.isArray(orders) || orders.length === 0 || orders.length > 100) return { reason: 'missing', detail: 'trade_order_list' };
      const r = isObj(d['recipient']) ? d['recipient'] : {};
      const ra = isObj(r['address']) ? r['address'] : {};
      if (acceptsOaid && str(r['oaid'])) {
        if (!str(r['tid'])) return { reason: 'missing', detail: 'tid' };
      } else {
        if (!str(r['name']) || (!str(r['mobile']) && !str(r['phone'])) || !str(ra['province']) || !str(ra['detail'])) return { reason: 'missing', detail: 'recipient' };
        if ([r['name'], r['mobile'], r['phone'], ra['detail']].some((v) => str(v).includes('*'))) return { reason: 'masked', detail: str(r['name']) };
      }
    }
    const keyOf = (d: Record<string, unknown>) => {
      const orders = (d['order_info'] as { trade_order_list: unknown[] }).trade_order_list.map(String).sort().join(',');
      const pkg = isObj(d['package_info']) ? String(d['package_info']['id'] ?? '') : '';
      return `${carrier}|${orders}|${pkg}`;
    };
    const fresh = (dtos as Record<string, unknown>[]).filter((d) => !byKey.has(keyOf(d)));
    if (fresh.length > sub.balance) return { reason: 'balance', detail: carrier };
    sub.balance -= fresh.length;
    const modules = (dtos as Record<string, unknown>[]).map((d) => {
      const key = keyOf(d);
      let parcel = byKey.get(key);
      if (!parcel) {
        const number = `${numberPrefix}${String(++state.seq).padStart(10, '0')}`;
        parcel = { number, carrier, key, printData: printData(number, carrier, str(d['template_url'])), cancelled: false };
        byKey.set(key, parcel);
        byNumber.set(number, parcel);
      }
      return { object_id: str(d['object_id']), waybill_code: parcel.number, print_data: parcel.printData };
    });
    // 一票多件 (Cainiao's multi_packages_shipment): every parcel names the first as its parent.
    if (p['multi_packages_shipment'] === true && modules.length > 1) for (const m of modules) Object.assign(m, { parent_waybill_code: modules[0]!.waybill_code });
    return modules;
  }

  /** 取消: a live number is void (and its key free for a new number); an unknown or void one is refused. */
  function cancel(carrier: string, number: string): true | Refusal {
    const parcel = byNumber.get(number);
    if (!parcel || parcel.cancelled || parcel.carrier !== carrier) return { reason: 'gone', detail: number };
    parcel.cancelled = true;
    byKey.delete(parcel.key);
    return true;
  }

  return {
    state, apply, cancel,
    live: () => [...byNumber.values()].filter((p) => !p.cancelled).map((p) => p.number),
    /** The print data issued with a number, as sent (JSON text). */
    printDataOf: (number: string) => byNumber.get(number)?.printData,
  };
}

/** The platform's words for each refusal (sub_msg); the waybill APIs' own sub_codes are unpublished (§6.4). */
export const refusalWords: Record<Refusal['reason'], string> = {
  missing: '缺少必选参数',
  invalid: '参数错误',
  'not-subscribed': '商家未订购该物流公司电子面单服务',
  address: '发货地址与订购网点地址不一致',
  masked: '收件地址中包含脱敏字符****',
  balance: '电子面单余额不足',
  gone: '面单号不存在或已取消',
};
