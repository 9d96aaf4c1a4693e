import type { HubWaybillRequest } from '#shared/contract/hub-waybills.contract';
import type { Order } from '#shared/contract/orders.contract';
import { splitChineseAddress } from '#shared/domain/address';
import { requestKeyFor } from '#shared/domain/e-waybill';

/** Text a provider will take: one line, no control characters, capped (its adapter cleans further). */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const line = (text: string, max: number) => [...text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, ' ').replace(/\s+/g, ' ').trim()].slice(0, max).join('');

export type Sender = { name: string; phone: string; address: string };

/** The sender as a provider needs it (province, city, district, detail) from the shop's one-line address. */
export function senderParty(sender: Sender): HubWaybillRequest['sender'] | null {
  if (sender.name.trim() === '' || sender.phone.trim() === '' || sender.address.trim() === '') return null;
  const parts = splitChineseAddress(sender.address);
  const phone = line(sender.phone, 30);
  const mobile = /^1\d{10}$/.test(phone.replace(/\D/g, '')) ? phone : '';
  return {
    name: line(sender.name, 60), mobile, phone: mobile ? '' : phone, province: line(parts.province, 30), city: line(parts.city, 30),
    district: line(parts.district, 30), detail: line(parts.province ? parts.detail : sender.address, 200),
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
    platformOrderIds: [line(order.externalId, 64)],
    sender,
    receiver: {
      name: line(r.name, 60), mobile: line(r.mobile, 30), phone: line(r.phone, 30), province: line(r.province, 30), city: line(r.city, 30),
      district: line(r.district, 30), detail: line(r.detail, 200),
    },
    // 2+: one number with children (子母件) where the provider gives them, else a number per parcel.
    parcelCount,
    weightG: null,
    goods: line(order.lines.map((l) => `${l.title} ×${l.qty}`).join('; '), 200),
  };
}
