import type { HubWaybillRequest } from '#shared/contract/hub-waybills.contract';
import type { Order } from '#shared/contract/orders.contract';
import { splitChineseAddress } from '#shared/domain/address';
import { requestKeyFor } from '#shared/domain/e-waybill';
// One line, no control or bidi characters, capped: what a provider and the hub's request schema take.
import { cleanText } from '../providers.port';

export type Sender = { name: string; phone: string; address: string };

/** The sender as a provider needs it (province, city, district, detail) from the shop's one-line address. */
export function senderParty(sender: Sender): HubWaybillRequest['sender'] | null {
  if (sender.name.trim() === '' || sender.phone.trim() === '' || sender.address.trim() === '') return null;
  const parts = splitChineseAddress(sender.address);
  const phone = cleanText(sender.phone, 30);
  const mobile = /^1\d{10}$/.test(phone.replace(/\D/g, '')) ? phone : '';
  return {
    name: cleanText(sender.name, 60), mobile, phone: mobile ? '' : phone, province: cleanText(parts.province, 30), city: cleanText(parts.city, 30),
    district: cleanText(parts.district, 30), detail: cleanText(parts.province ? parts.detail : sender.address, 200),
  };
}

/**
 * One order's 取号 request. `attempt` counts its numbers cancelled before: the key stays the same
 * until then, so asking again after a lost answer returns the same number.
 */
export function requestFor(order: Order, carrierCode: string, sender: HubWaybillRequest['sender'], attempt: number, parcelCount = 1): HubWaybillRequest {
  const r = order.receiver;
  return {
    orderId: order.id,
    requestKey: requestKeyFor(order.id, attempt),
    carrierCode,
    platformOrderIds: [cleanText(order.externalId, 64)],
    sender,
    receiver: {
      name: cleanText(r.name, 60), mobile: cleanText(r.mobile, 30), phone: cleanText(r.phone, 30), province: cleanText(r.province, 30), city: cleanText(r.city, 30),
      district: cleanText(r.district, 30), detail: cleanText(r.detail, 200),
    },
    // 2+: one number with children (子母件) where the provider gives them, else a number per parcel.
    parcelCount,
    weightG: null,
    goods: cleanText(order.lines.map((l) => `${l.title} ×${l.qty}`).join('; '), 200),
  };
}
