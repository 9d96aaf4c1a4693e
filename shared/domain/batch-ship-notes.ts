/**
 * What the 批量发货 export tells the seller besides its rows, as the export bar and `packdesk export`
 * both say it: which parcels it held back as still at the shop, and which uploaded numbers must be
 * changed on the platform instead of uploaded again.
 */
import { msg, type Message } from '../i18n/message';

/**
 * "2 个包裹还没交给快递，不导出：YT…1、YT…2", the first few named and the rest counted ("… 等 5 个"):
 * a bare count left the seller guessing which parcels it meant. `sep` is the reader's list separator
 * (common.listSep), which a message cannot choose by itself.
 */
export function notHandedOverText(s: { notHandedOver: number; notHandedOverNos: readonly string[] }, sep: string): Message {
  const named = s.notHandedOverNos.join(sep);
  const parcels = s.notHandedOver > s.notHandedOverNos.length ? msg('export.namedMore', { parcels: named, count: s.notHandedOver }) : named;
  return msg('export.notHandedOver', { count: s.notHandedOver, parcels });
}

/** One number to change with 修改物流单号: the order, the number the platform has, the one that replaces it. */
export const numberChangeText = (x: { orderExternalId: string; uploadedNo: string; trackingNo: string }): Message =>
  msg('export.changeLine', { order: x.orderExternalId, uploaded: x.uploadedNo, tracking: x.trackingNo });
