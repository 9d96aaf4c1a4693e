import { carriers } from '#shared/domain/carriers';
import type { TrackingState } from '#shared/domain/tracking';

/**
 * Our canonical carrier codes (Taobao cp_code) ↔ each provider's (china-formats §2.3 crosswalk, kept
 * in shared/domain/carriers.ts), and every provider state code → our six tracking states.
 */

/** 快递100 `com` for our code; null when 快递100 has no code for the carrier. */
export const kuaidi100Com = (carrierCode: string): string | null => carriers.find((c) => c.code === carrierCode)?.kuaidi100 ?? null;
/** 快递鸟 `ShipperCode` for our code. */
export const kdniaoShipper = (carrierCode: string): string | null => carriers.find((c) => c.code === carrierCode)?.kdniao ?? null;

/**
 * Our code for a provider's. 快递100 also knows 德邦物流 as `debangwuliu` (our DBKD); anything else
 * unknown is OTHER, so a number moved to a carrier we do not list still reads as "another carrier".
 */
export function carrierFromKuaidi100(com: string): string {
  const lower = com.toLowerCase();
  if (lower === 'debangwuliu') return 'DBKD';
  return carriers.find((c) => c.kuaidi100 === lower)?.code ?? 'OTHER';
}
export function carrierFromKdniao(shipper: string): string {
  return carriers.find((c) => c.kdniao === shipper.toUpperCase())?.code ?? 'OTHER';
}

export type MappedState = { state: TrackingState | null; final: boolean };
const s = (state: TrackingState | null, final = false): MappedState => ({ state, final });

/**
 * 快递100 `state` (§1.2): base codes and the advanced sub-states `resultv2=4` reports. 已下单 / 待揽收
 * (101, 102) mean the courier has not picked the parcel up yet: no state, which is what a "no
 * pickup scan" check needs. 拒签 and 退回 are on the way back (not final); 退签 (4, 401) is back.
 */
const KUAIDI100: Record<string, MappedState> = {
  '0': s('in-transit'), '1001': s('in-transit'), '1002': s('in-transit'), '1003': s('in-transit'),
  '1': s('accepted'), '101': s(null), '102': s(null), '103': s('accepted'),
  '2': s('problem'),
  '3': s('delivered', true), '301': s('delivered', true), '302': s('delivered', true), '303': s('delivered', true), '304': s('delivered', true),
  '4': s('returned', true), '401': s('returned', true),
  '5': s('out-for-delivery'), '501': s('out-for-delivery'),
  '6': s('returned'), '7': s('in-transit'), '8': s('in-transit'),
  '10': s('in-transit'), '11': s('in-transit'), '12': s('in-transit'), '13': s('problem'),
  '14': s('returned'),
};
/** The Chinese status names `resultv2=1` puts on each trace node. */
const KUAIDI100_NAMES: Record<string, TrackingState> = {
  在途: 'in-transit', 揽收: 'accepted', 疑难: 'problem', 签收: 'delivered', 退签: 'returned', 派件: 'out-for-delivery',
  退回: 'returned', 转投: 'in-transit', 转单: 'in-transit', 清关: 'in-transit', 待清关: 'in-transit', 清关中: 'in-transit',
  已清关: 'in-transit', 清关异常: 'problem', 拒签: 'returned',
};

/** A 快递100 state code; unknown codes: 2xx are 疑难 sub-states (the doc's list is truncated), others unknown (undefined). */
export function kuaidi100State(code: string): MappedState | undefined {
  return KUAIDI100[code] ?? (/^2\d\d$/.test(code) ? s('problem') : undefined);
}
export const kuaidi100NodeState = (statusCode: string | undefined, status: string | undefined): TrackingState | null | undefined =>
  (statusCode ? kuaidi100State(statusCode)?.state : undefined) ?? (status ? KUAIDI100_NAMES[status] : undefined);

/**
 * 快递鸟 `State` (basic) and `StateEx` / `Action` (增值版), §2.3. 0 暂无轨迹 and 10 待揽件: no state
 * yet. 211 (in a locker or 驿站, not yet collected) is still out for delivery; 404 拒收 and 407
 * 退货未签收 are on the way back; 406 退货签收 is back with the sender.
 */
const KDNIAO: Record<string, MappedState> = {
  '0': s(null), '10': s(null),
  '1': s('accepted'), '2': s('in-transit'), '201': s('in-transit'), '202': s('out-for-delivery'), '211': s('out-for-delivery'),
  '3': s('delivered', true), '301': s('delivered', true), '302': s('delivered', true), '304': s('delivered', true), '311': s('delivered', true),
  '4': s('problem'), '401': s('problem'), '402': s('problem'), '403': s('problem'), '405': s('problem'), '412': s('problem'), '413': s('problem'),
  '404': s('returned'), '406': s('returned', true), '407': s('returned'),
};
export const kdniaoState = (code: string): MappedState | undefined => KDNIAO[code];
