import { z } from 'zod';
import type { TrackingEvent } from '#shared/domain/tracking';
import { carrierFromKuaidi100, kuaidi100NodeState, kuaidi100State } from './provider-codes';
import { beijingIso, CITY_MAX, cityOfArea, cleanText, EVENT_TEXT_MAX, md5Hex, orderEvents, nodeState, wireCode, wireText } from './provider-normalise';
import type { TrackReport } from './tracking-provider';

/**
 * 快递100's wire shapes and signatures (research/providers.md §1.1–1.3). Known fields are typed
 * and capped; fields we do not read are dropped, because the reply grows with `resultv2`
 * (routeInfo, predictedRoute, courierInfo…) and a new field is no reason to stop tracking.
 */

/** 实时查询: sign = UPPER(MD5(param + key + customer)) over the exact param string sent. */
export const querySign = (param: string, key: string, customer: string): string => md5Hex(param + key + customer).toUpperCase();
/** Push: sign = MD5(param + salt); the doc writes it lowercase, the SDK uppercases: compare either way. */
export const pushSign = (param: string, salt: string): string => md5Hex(param + salt);

const node = z.object({
  ftime: z.string().max(40),
  time: wireText(40),
  context: z.string().max(4000),
  areaName: wireText(200),
  status: wireText(20),
  statusCode: wireCode.nullish(),
});
const area = z.object({ name: wireText(200) }).nullish();

/** A trace: the query's success body, and `lastResult` inside a push. */
export const traceSchema = z.object({
  message: wireText(500),
  nu: z.string().max(64),
  com: z.string().max(40),
  state: wireCode,
  ischeck: wireCode.nullish(),
  data: z.array(node).max(2000),
  routeInfo: z.object({ from: area, cur: area, to: area }).nullish(),
});
export type Trace = z.output<typeof traceSchema>;

/** The failure shape of every 快递100 call: branch on `returnCode` being there (FAQ [K8]). */
export const failureSchema = z.object({ result: z.boolean().nullish(), returnCode: wireCode, message: wireText(500) });

export const pushParamSchema = z.object({
  status: z.string().max(20),
  message: wireText(500),
  autoCheck: wireCode.nullish(),
  comOld: wireText(40),
  comNew: wireText(40),
  lastResult: traceSchema.nullish(),
});

/** A trace → our report. An unknown state code is no state: the nodes still tell what happened. */
export function reportOf(trace: Trace, comNew: string, finished: boolean): TrackReport {
  const mapped = kuaidi100State(trace.state);
  const state = mapped?.state ?? null;
  const events: TrackingEvent[] = [];
  for (const n of trace.data) {
    const at = beijingIso(n.ftime) ?? beijingIso(n.time);
    if (at === null) throw new Error(`trace node time ${JSON.stringify(n.ftime.slice(0, 40))}`);
    events.push({
      at,
      state: nodeState(kuaidi100NodeState(n.statusCode ?? undefined, n.status || undefined), state),
      text: cleanText(n.context, EVENT_TEXT_MAX),
      city: cityOfArea(n.areaName),
    });
  }
  const ordered = orderEvents(events);
  const final = (mapped?.final ?? false) || (finished && state === 'delivered');
  // routeInfo.to is where 快递100 says the parcel is going; once delivered, the last node's area is where it went.
  const routeTo = cityOfArea(trace.routeInfo?.to?.name ?? '');
  const destCity = routeTo || (state === 'delivered' ? (ordered.at(-1)?.city ?? '') : '');
  const reportedCarrier = comNew.trim() === '' ? null : carrierFromKuaidi100(comNew.trim());
  return { state, events: ordered, destCity: cleanText(destCity, CITY_MAX), reportedCarrier, final };
}
