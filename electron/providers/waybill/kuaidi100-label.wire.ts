import { z } from 'zod';
import type { MessageKey } from '#shared/i18n/catalog';
import { childNumbers, md5Hex, routingField, waybillNo, wireCode, wireText } from './aggregator.wire';
import type { WaybillErrorKind, WaybillRouting } from './waybill-provider';

/**
 * 快递100 电子面单 V2 on the wire (research/providers.md §1.4): one endpoint, `/label/order`, a
 * form of method, key, t, sign and param. Known reply fields are typed and capped; the many
 * per-carrier extras (SF's codingMapping, Kuaishou's signature…) are dropped.
 */
export const LABEL_PATH = '/label/order';

/** sign = UPPER(MD5(param + t + key + secret)) over the exact param string sent; t in milliseconds. */
export const labelSign = (param: string, t: string, key: string, secret: string): string => md5Hex(param + t + key + secret).toUpperCase();

/** The V2 envelope: `code` 200 is success; errors carry their code and words, `data` absent. */
export const envelopeSchema = z.object({
  success: z.boolean().nullish(),
  code: wireCode,
  message: wireText(500),
  data: z.unknown(),
});

const route = wireText(200);
/** `data` of method=order: the number, its children, the carrier's order number (cancel needs it) and the routing fields. */
export const orderDataSchema = z.object({
  taskId: wireText(64),
  kuaidinum: waybillNo,
  childNum: childNumbers,
  kdComOrderNum: wireText(64),
  bulkpen: route,
  orgCode: route,
  orgName: route,
  destCode: route,
  destName: route,
  orgSortingCode: route,
  destSortingCode: route,
  pkgCode: route,
  pkgName: route,
  road: route,
});
export type OrderData = z.output<typeof orderDataSchema>;

/**
 * 大头笔 is `bulkpen`; 集包地 `pkgCode`/`pkgName`; the 三段码 the destination sorting code (or the
 * 路区 `road` when a carrier gives only that); 始发/目的网点 `orgCode`/`destCode`.
 */
export const routingOf = (d: OrderData): WaybillRouting => ({
  sortCode: routingField(d.destSortingCode) ?? routingField(d.road),
  routeCode: routingField(d.bulkpen),
  hubCode: routingField(d.pkgCode),
  hubName: routingField(d.pkgName),
  originCode: routingField(d.orgCode),
  destinationCode: routingField(d.destCode),
});

type Mapped = { kind: WaybillErrorKind; key: MessageKey };
/**
 * Every documented code (§1.4, from the 复打 page, assumed shared by order and cancel): -1 服务器错误,
 * 30001 参数错误, 30002 验证签名失败, 30003 账号信息不正确, 30004 账号单量不足, 30009 查无此单.
 */
export const KUAIDI100_CODES: Record<string, Mapped> = {
  '-1': { kind: 'transient', key: 'waybillProvider.kuaidi100.serverError' },
  '30001': { kind: 'invalid', key: 'waybillProvider.kuaidi100.badParam' },
  '30002': { kind: 'auth', key: 'waybillProvider.kuaidi100.badSign' },
  '30003': { kind: 'auth', key: 'waybillProvider.kuaidi100.badAccount' },
  '30004': { kind: 'quota', key: 'waybillProvider.kuaidi100.noBalance' },
  '30009': { kind: 'invalid', key: 'waybillProvider.kuaidi100.noSuchOrder' },
};

/** A code → kind; on cancel 30009 means the number is not there. Undocumented codes: 5xx-like are outages, others refusals. */
export function kuaidi100Code(code: string, method: 'order' | 'cancel' | 'printOld'): Mapped {
  if (code === '30009' && method === 'cancel') return { kind: 'not-found', key: 'waybillProvider.kuaidi100.noSuchOrder' };
  const known = KUAIDI100_CODES[code];
  if (known) return known;
  return { kind: /^5\d\d$/.test(code) ? 'transient' : 'invalid', key: 'waybillProvider.kuaidi100.unknownCode' };
}
