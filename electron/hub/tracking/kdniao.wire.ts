/* eslint-disable no-restricted-syntax -- Chinese strings here are the provider's wire protocol (acks it documents, reasons it sends), not text shown to people */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { TrackingEvent } from '#shared/domain/tracking';
import { kdniaoState } from './provider-codes';
import { beijingIso, CITY_MAX, cityOfArea, cleanText, EVENT_TEXT_MAX, nodeState, orderEvents, wireCode, wireText } from './provider-normalise';
import type { TrackingErrorKind, TrackReport } from './tracking-provider';

/**
 * 快递鸟's wire shapes and DataSign (research/providers.md §2.1–2.4). Known fields typed and capped,
 * others dropped (8001 adds station and courier fields we do not read).
 */

/** DataSign = Base64(lowercase hex MD5(RequestData + AppKey)): Base64 of the 32-character hex string, not of the raw digest. */
export function dataSign(requestData: string, appKey: string): string {
  const hex = createHash('md5').update(requestData + appKey, 'utf8').digest('hex');
  return Buffer.from(hex, 'ascii').toString('base64');
}

const trace = z.object({
  AcceptTime: z.string().max(40),
  AcceptStation: z.string().max(4000),
  Remark: wireText(500),
  Location: wireText(200),
  Action: wireCode.nullish(),
});

/** One waybill: the 1002/8001 reply, and each element of a 101 push's Data[]. */
export const waybillSchema = z.object({
  EBusinessID: wireText(64),
  ShipperCode: wireText(20),
  LogisticCode: z.string().max(64),
  Success: z.boolean(),
  Reason: wireText(500),
  ResultCode: wireCode.nullish(),
  State: wireCode.nullish(),
  StateEx: wireCode.nullish(),
  Location: wireText(200),
  Traces: z.array(trace).max(2000).nullish(),
});
export type Waybill = z.output<typeof waybillSchema>;

export const subscribeReplySchema = z.object({ EBusinessID: wireText(64), Success: z.boolean(), Reason: wireText(500), ResultCode: wireCode.nullish() });

/** The push's RequestData (RequestType 101). */
export const pushDataSchema = z.object({ EBusinessID: z.string().max(64), PushTime: wireText(40), Count: wireCode.nullish(), Data: z.array(waybillSchema).max(500) });

/**
 * `Success:false` → what went wrong. 快递鸟 says it in `Reason` (field use, §2.3) and, on some
 * calls, a `ResultCode` (§2.6): 非法参数 is a bad sign or ID, 没有可用套餐 a service the account does
 * not have, 405 / 超出查询次数 the daily limit, 无效的输入 naming ShipperCode a carrier it does not know.
 */
export function kdniaoFailure(reason: string, resultCode: string): TrackingErrorKind {
  if (resultCode === '405' || reason.includes('超出查询次数') || reason.includes('次数限制')) return 'quota';
  if (reason.includes('非法参数')) return 'signature';
  if (reason.includes('没有可用套餐')) return 'not-enabled';
  if (reason.includes('无效的输入')) return /ShipperCode/i.test(reason) ? 'unsupported-carrier' : 'bad-request';
  if (['101', '102', '103', '401', '402', '403', '404'].includes(resultCode)) return 'bad-request';
  return 'server-error';
}

/** A successful waybill → our report; State 0 / 10 with no traces is "no trace yet". */
export function reportOf(w: Waybill): TrackReport {
  const mapped = (w.StateEx ? kdniaoState(w.StateEx) : undefined) ?? (w.State ? kdniaoState(w.State) : undefined);
  const state = mapped?.state ?? null;
  const events: TrackingEvent[] = [];
  for (const t of w.Traces ?? []) {
    const at = beijingIso(t.AcceptTime);
    if (at === null) throw new Error(`trace time ${JSON.stringify(t.AcceptTime.slice(0, 40))}`);
    events.push({
      at,
      state: nodeState(t.Action ? kdniaoState(t.Action)?.state : undefined, state),
      text: cleanText(t.Remark ? `${t.AcceptStation} ${t.Remark}` : t.AcceptStation, EVENT_TEXT_MAX),
      city: cityOfArea(t.Location),
    });
  }
  const ordered = orderEvents(events);
  // 快递鸟 names no destination before delivery; once delivered, where it was delivered is it.
  const destCity = state === 'delivered' ? cityOfArea(w.Location) || (ordered.at(-1)?.city ?? '') : '';
  // 快递鸟 answers for the carrier it was asked about: it never moves a number to another.
  return { state, events: ordered, destCity: cleanText(destCity, CITY_MAX), reportedCarrier: null, final: mapped?.final ?? false };
}
