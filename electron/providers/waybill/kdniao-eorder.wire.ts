/* eslint-disable no-restricted-syntax -- the Chinese here is 快递鸟's reason text matched as data, not text shown to people */
import { z } from 'zod';
import type { MessageKey } from '#shared/i18n/catalog';
import { childNumbers, md5Hex, routingField, waybillNo, wireCode, wireText } from './aggregator.wire';
import type { WaybillErrorKind, WaybillRouting } from './waybill-provider';

/**
 * 快递鸟 电子面单 on the wire (research/providers.md §2.1, §2.5–2.6): RequestType 1007 (取号) and
 * 1147 (取消) at /api/EOrderService, the usual envelope and DataSign.
 */
export const EORDER_PATH = '/api/EOrderService';

/** DataSign = Base64(lowercase hex MD5(RequestData + AppKey)): Base64 of the 32-character hex string, not of the raw digest. */
export const dataSign = (requestData: string, appKey: string): string => Buffer.from(md5Hex(requestData + appKey), 'ascii').toString('base64');

/**
 * The e-waybill docs forbid ' " # & + < > in the payload, one SDK adds % and \ (§2.1). Each
 * becomes its full-width twin (＃ ＆ ＋ …, code point + 0xFEE0), which reads the same on a label
 * ("3号楼＃201"); controls become spaces.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /['"#&+<>%\\]|[\u0000-\u001f\u007f]/g;
export const FORBIDDEN_TEST = /['"#&+<>%\\]/;
export const kdniaoSafe = (text: string): string =>
  text.replace(FORBIDDEN, (ch) => (ch.charCodeAt(0) < 0x21 || ch.charCodeAt(0) === 0x7f ? ' ' : String.fromCharCode(ch.charCodeAt(0) + 0xfee0))).trim();

const route = wireText(200);
const orderSchema = z.object({
  OrderCode: wireText(64),
  ShipperCode: wireText(20),
  LogisticCode: waybillNo,
  MarkDestination: route,
  OriginCode: route,
  OriginName: route,
  // "DestinatioCode" (sic) in the source struct (§2.5); the corrected spelling is read too.
  DestinatioCode: route,
  DestinationCode: route,
  SortingCode: route,
  PackageCode: route,
  PackageName: route,
});

/** 1007's reply; `Order` is there on 100 and on 106 (the order code already issued: its original Order). */
export const eorderReplySchema = z.object({
  EBusinessID: wireText(64),
  Success: z.boolean(),
  ResultCode: wireCode.nullish().transform((v) => v ?? ''),
  Reason: wireText(500),
  UniquerRequestNumber: wireText(64),
  Order: orderSchema.nullish(),
  SubCount: wireCode.nullish(),
  SubOrders: childNumbers,
});
export type EOrderReply = z.output<typeof eorderReplySchema>;

/** 1147's reply, and the verdict read first from any reply. */
export const verdictSchema = z.object({ Success: z.boolean(), ResultCode: wireCode.nullish().transform((v) => v ?? ''), Reason: wireText(500) });

/**
 * 大头笔 is MarkDestination, 集包地 PackageCode/PackageName, the 三段码 SortingCode (分拣编码). The
 * classic sample puts a name in PackageCode ("北京"); it is printed as given.
 */
export const routingOf = (o: z.output<typeof orderSchema>): WaybillRouting => ({
  sortCode: routingField(o.SortingCode),
  routeCode: routingField(o.MarkDestination),
  hubCode: routingField(o.PackageCode),
  hubName: routingField(o.PackageName),
  originCode: routingField(o.OriginCode),
  destinationCode: routingField(o.DestinatioCode) ?? routingField(o.DestinationCode),
});

type Mapped = { kind: WaybillErrorKind; key: MessageKey };
const m = (kind: WaybillErrorKind, name: string): Mapped => ({ kind, key: `waybillProvider.kdniao.${name}` as MessageKey });

/** Every documented ResultCode (§2.6) but 100 and 106, which are success. */
export const KDNIAO_CODES: Record<string, Mapped> = {
  '101': m('invalid', 'missingParam'),
  '102': m('invalid', 'checkFailed'),
  '103': m('invalid', 'badFormat'),
  '104': m('auth', 'account'),
  '105': m('invalid', 'other'),
  '401': m('invalid', 'badRequestData'),
  '402': m('invalid', 'missingNumber'),
  '403': m('invalid', 'numberChars'),
  '404': m('invalid', 'numberLength'),
  '405': m('quota', 'overLimit'),
};

/**
 * `Success:false` → kind. The reason speaks first where field use shows it does (§2.3, §2.6):
 * 非法参数 is a bad ID or sign, 没有可用套餐 a service the account lacks, 订单号已存在 (a 105) the key
 * already used, 余额/余量不足 no numbers left; a cancel of a number 快递鸟 does not hold says
 * 不存在 (its code is undocumented). Then the code; an undocumented one is a refusal.
 */
export function kdniaoCode(code: string, reason: string, call: 'issue' | 'cancel'): Mapped {
  if (reason.includes('非法参数')) return m('auth', 'badSign');
  if (reason.includes('没有可用套餐')) return m('auth', 'noPlan');
  if (reason.includes('订单号已存在') || code === '106') return m('duplicate', 'orderExists');
  if (/余额不足|余量不足|单号不足/.test(reason)) return m('quota', 'noBalance');
  if (call === 'cancel' && /不存在|未找到|查无/.test(reason)) return m('not-found', 'noSuchNumber');
  return KDNIAO_CODES[code] ?? m('invalid', 'unknownCode');
}
