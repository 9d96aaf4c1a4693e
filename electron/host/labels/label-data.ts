/**
 * What the label builders need, already resolved by the services (order, shipment, carrier,
 * routing). Plain data with no behaviour: the builders decide only where things go on the label.
 */

/**
 * Sorting data the carrier assigned at 取号 (china-formats §4.4), in the shape the e-waybill
 * providers return it (electron/providers/waybill WaybillRouting, which is assignable to this one;
 * the label tests check both ways): 三段码 in `sortCode`, 大头笔 in `routeCode`, 集包地 in
 * `hubCode`/`hubName`. It cannot be computed locally, so pool numbers have none.
 */
export type WaybillRouting = {
  sortCode: string | null;
  routeCode: string | null;
  hubCode: string | null;
  hubName: string | null;
  originCode: string | null;
  destinationCode: string | null;
};

export type WaybillLabelData = {
  trackingNo: string;
  carrierCode: string;
  carrierName: string;
  /** null (or absent) for a pool number: the label prints without routing zones, as it always has. */
  routing?: WaybillRouting | null;
  /** 买家留言, printed in the standard templates' custom area ('' for none). */
  buyerMessage?: string;
  recipient: {
    name: string;
    mobile: string;
    phone: string;
    province: string;
    city: string;
    district: string;
    detail: string;
  };
  sender: { name: string; phone: string; address: string };
  /** e.g. "T恤 白 XL ×2; 袜子 ×1"; items are separated by "; " and truncated whole where possible. */
  itemSummary: string;
  /** The platform's order id (Taobao ids are 15–20 digits, kept as a string). */
  orderId: string;
  parcelNo: number;
  parcelCount: number;
  weightG?: number | null;
  /** UTC ISO-8601; printed in Beijing time. */
  printedAt: string;
  /**
   * 隐私面单: mask the recipient's name and numbers on the printed label, and the street address
   * when the number came from 取号 (`routing` set: the carrier has the whole address; a pool
   * number's label is the courier's only copy of it).
   */
  privacy: boolean;
};

export type PickLine = {
  skuCode: string;
  title: string;
  /** Variant properties as the shop shows them, e.g. "颜色:白;尺码:XL". */
  props: string;
  qty: number;
  /** Shelf location (库位), '' when unknown. */
  location: string;
};

export type PickSlipData = {
  /** The platform's order id; printed as Code128 so scanning the slip opens the order at the bench. */
  orderId: string;
  buyerNick: string;
  /** 买家留言 */
  buyerMessage: string;
  /** 卖家备注 */
  sellerMemo: string;
  lines: PickLine[];
  printedAt: string;
};

export type PickListData = {
  /** Shown in the header, e.g. "批次 0512-A"; '' for none. */
  batchName: string;
  printedAt: string;
  orders: Array<{ orderId: string; lines: PickLine[] }>;
};
