/* eslint-disable no-restricted-syntax -- data: the column names and status words that tracking exports and hand-made lists are written with, matched as they are spelled. */
import { trackingStates, type TrackingState } from '#shared/domain/tracking';

/** Tracking file columns: each field's header spellings, Chinese and English, the first one used in messages. */
export const trackingHeaderAliases = {
  trackingNo: ['运单号', '快递单号', '物流单号', '单号', 'tracking no', 'tracking_no', 'tracking number', 'trackingno', 'waybill', 'waybill no'],
  carrier: ['快递公司', '物流公司', '快递', '承运商', 'carrier', 'carrier code', 'courier', 'company'],
  time: ['时间', '轨迹时间', '事件时间', '更新时间', '物流时间', 'time', 'event time', 'at', 'datetime'],
  state: ['状态', '物流状态', '快递状态', '当前状态', 'state', 'status'],
  text: ['轨迹', '描述', '轨迹描述', '物流详情', '物流信息', '详情', '内容', 'description', 'text', 'event', 'detail', 'details'],
  city: ['城市', '所在城市', '当前城市', '所在地', 'city', 'location'],
  destCity: ['目的城市', '目的地', '收件城市', '目的地城市', 'destination', 'dest city', 'destination city', 'dest_city'],
} as const satisfies Record<string, readonly string[]>;
export type TrackingField = keyof typeof trackingHeaderAliases;

/** Most characters per cell, by field: the tracking.updated op's own caps, so nothing is cut to fit. */
export const TRACKING_CAPS: Readonly<Record<TrackingField, number>> = { trackingNo: 60, carrier: 40, time: 40, state: 40, text: 300, city: 40, destCity: 40 };

/**
 * Status words as couriers, 快递100/快递鸟 screens and ERPs write them; our own state names too. The
 * words are matched whole after spaces go, so '运输中' never matches inside a longer sentence.
 */
const WORDS: Readonly<Record<TrackingState, readonly string[]>> = {
  accepted: ['已揽收', '揽收', '已揽件', '揽件', '已收件', '收件', '已取件', '取件', 'picked up', 'pickup', 'collected'],
  'in-transit': ['运输中', '在途', '在途中', '转运中', '中转', '中转中', '已发出', '已到达', '到达', 'in transit', 'transit', 'intransit'],
  'out-for-delivery': ['派送中', '派件中', '派件', '正在派件', '待派送', '派送', '投递中', 'out for delivery', 'delivering'],
  delivered: ['已签收', '签收', '已妥投', '妥投', '已送达', '送达', '已取件签收', 'signed', 'delivered'],
  returned: ['退回', '已退回', '退回中', '退签', '已退签', '退件', '拒收', '已拒收', 'returned', 'return', 'rejected'],
  problem: ['问题件', '疑难件', '疑难', '异常', '派送异常', '异常件', '滞留', '滞留件', 'problem', 'exception'],
};

const byWord: ReadonlyMap<string, TrackingState> = new Map(
  [...trackingStates.map((s) => [s, s] as const), ...trackingStates.flatMap((s) => WORDS[s].map((w) => [w, s] as const))].map(([w, s]) => [wordKey(w), s]),
);

function wordKey(text: string): string {
  return text.replace(/[\s\u3000_-]+/g, '').toLowerCase();
}

/** '已签收', 'Delivered', 'in-transit' → the state; unknown words → null. */
export function stateOfWord(text: string): TrackingState | null {
  return byWord.get(wordKey(text)) ?? null;
}
