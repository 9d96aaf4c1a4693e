import type { OrderField } from './header-aliases';

/**
 * The most characters an order cell may hold, per field, in any import format. Generous for real
 * exports (a Taobao title is at most 60 characters, a nick 25, a buyer message 500), tight enough
 * that no import can push megabyte strings into orders, sync ops and labels.
 */
export const orderFieldCaps: Readonly<Record<OrderField, number>> = {
  orderId: 64,
  subOrderId: 64,
  buyerNick: 64,
  status: 40,
  closeReason: 200,
  receiverName: 100,
  receiverAddr: 500,
  receiverAddrModified: 500,
  province: 40,
  city: 40,
  district: 40,
  detail: 400,
  zip: 16,
  mobile: 40,
  phone: 40,
  createdAt: 40,
  paidAt: 40,
  shipDeadline: 40,
  shippedAt: 40,
  title: 300,
  qty: 20,
  price: 40,
  skuProps: 500,
  outerSku: 64,
  externalCode: 64,
  paid: 40,
  postage: 40,
  trackingNo: 64,
  carrierName: 64,
  sellerMemo: 2000,
  buyerMessage: 2000,
  refundStatus: 100,
  refundAmount: 40,
};

/** Fields that are codes or ids: no control or format character at all (see text-guards). */
export const orderCodeFields: ReadonlySet<OrderField> = new Set<OrderField>(['orderId', 'subOrderId', 'outerSku', 'externalCode', 'trackingNo']);
