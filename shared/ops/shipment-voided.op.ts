import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, isoTime, required } from './fields';

/**
 * Why a parcel was voided, as the void dialog's chips say it (面单打印错误, 改用其他快递, 地址有误,
 * 订单取消/退款); `other`: a reason typed without choosing a chip. Carried as data so what a void does
 * (a `cancelled` one holds its order, shared/domain/void-hold) never depends on a language's words.
 */
export const voidReasonCodes = ['misprint', 'carrier', 'address', 'cancelled', 'other'] as const;
export type VoidReasonCode = (typeof voidReasonCodes)[number];

/**
 * The chips' texts as v1 voids kept them, in the voiding bench's language: every text they ever had,
 * frozen here rather than read from today's catalog, so every station upcasts an old void alike.
 */
const LEGACY_CHIPS: Readonly<Record<string, Exclude<VoidReasonCode, 'other'>>> = {
  面单打印错误: 'misprint', 'Label misprinted': 'misprint',
  改用其他快递: 'carrier', 'Changed carrier': 'carrier',
  地址有误: 'address', 'Wrong address': 'address',
  // eslint-disable-next-line no-restricted-syntax -- a chip's text matched as old data, not text shown to people
  '订单取消/退款': 'cancelled', 'Order cancelled or refunded': 'cancelled',
};
const LEGACY_CANCELLED = Object.keys(LEGACY_CHIPS).filter((text) => LEGACY_CHIPS[text] === 'cancelled');

/**
 * A v1 void's free-text reason as a code, read as v1 benches read it: the 订单取消/退款 chip's text,
 * alone or followed by the supervisor's words after a separator (订单取消/退款：买家拍错), is
 * `cancelled`, so the orders v1 voids held stay held; another chip's text alone is that chip; the
 * rest is `other`.
 */
export function legacyVoidReasonCode(reason: string): VoidReasonCode {
  const said = reason.trim();
  const cancelled = LEGACY_CANCELLED.some((chip) => said === chip || (said.startsWith(chip) && /^[\s:：,，;；.。、(（-]/.test(said.slice(chip.length))));
  return cancelled ? 'cancelled' : (LEGACY_CHIPS[said] ?? 'other');
}

/** A waybill number retired with a reason; the goods go back on the shelf. */
export const shipmentVoidedOp = defineOp({
  type: 'shipment.voided',
  // v2 carries the reason's code (the chip chosen, or other) beside the words as typed.
  version: 2,
  schema: z.strictObject({ id: entityId, reason: required(200), reasonCode: z.enum(voidReasonCodes), at: isoTime }),
  maxBytes: 1024,
  role: 'supervisor',
  authorisable: true,
  // v1 kept only the words: the code is read from them as v1 benches read them.
  upcasters: { 1: (p) => ({ ...p, reasonCode: typeof p['reason'] === 'string' ? legacyVoidReasonCode(p['reason']) : 'other' }) },
});
