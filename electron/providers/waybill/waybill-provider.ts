import type { Message } from '#shared/i18n/message';

/**
 * The e-waybill (电子面单) provider port (issue 11): one adapter per issuer, each built from the
 * provider's documented protocol (research/providers.md) and tested against a fake that speaks it.
 * Adapters live in electron/providers so both a station (working alone) and the hub (取号 for every
 * bench) can use them; they know nothing of either.
 */
export { waybillProviderNames, type WaybillProviderName } from '#shared/domain/e-waybill';
import type { WaybillProviderName } from '#shared/domain/e-waybill';

/** Who sends and who receives, as the issuer needs them (plain text: the provider masks on its template). */
export type WaybillParty = {
  name: string; mobile: string; phone: string; province: string; city: string; district: string; detail: string;
};

/** One 取号 request: the shop's order (by platform order number) and the parcel(s) it needs numbers for. */
export type WaybillRequest = {
  /**
   * Idempotency key, stable for this order's parcel: asking twice with it never yields two live
   * numbers (the adapter passes it as the provider's own order code / object id).
   */
  requestKey: string;
  /** Our canonical carrier code (shared/domain/carriers.ts). */
  carrierCode: string;
  /** The platform's order numbers bound to the waybill (Cainiao's trade_order_list): more than one for a merged order. */
  platformOrderIds: string[];
  /** Cainiao / PDD: the order's OAID or encrypted receiver, when the platform gives one instead of the address. */
  oaid?: string;
  sender: WaybillParty;
  receiver: WaybillParty;
  /** Parcels of one shipment: 2+ asks for 子母件 where the provider supports it. */
  parcelCount: number;
  weightG: number | null;
  /** Goods description for the label (items), already shortened. */
  goods: string;
};

/** The routing data the issuer returns, printed large on the standard templates (china-formats §4.4). */
export type WaybillRouting = {
  /** 三段码 / 分拣码 (sort code). */
  sortCode: string | null;
  /** 大头笔 (destination mark printed in large type). */
  routeCode: string | null;
  /** 集包地 code and name (the consolidation hub), printed with its own barcode. */
  hubCode: string | null;
  hubName: string | null;
  /** 始发网点 / 目的网点 where given. */
  originCode: string | null;
  destinationCode: string | null;
};

export type IssuedWaybill = {
  trackingNo: string;
  /** 子母件: child numbers for the shipment's other parcels (empty for a single parcel or per-parcel numbers). */
  childNumbers: string[];
  carrierCode: string;
  routing: WaybillRouting;
  /** Platform waybills (Cainiao, PDD): the encrypted print data, passed unchanged to their print component. */
  printData: { encryptedData: string; signature: string; templateUrl: string; ver: string } | null;
  /** 子母件 from a platform: each child's own print data, in the order of childNumbers (absent: none). */
  childPrintData?: ({ encryptedData: string; signature: string; templateUrl: string; ver: string } | null)[];
  /** The provider's template size when it says (e.g. '76x130', '100x180'), else null. */
  templateSize: string | null;
  /**
   * The provider's own reference that cancelling needs besides the number (快递100's kdComOrderNum,
   * the carrier's order number); store it with the number and hand it back to cancel. Absent: none.
   */
  providerRef?: string | null;
};

/** Why a provider refused or failed, as kinds the caller acts on, with the provider's own code and words. */
export const waybillErrorKinds = [
  'auth', // bad key / signature / session: stop the provider, tell an admin
  'quota', // no numbers left (单号余额不足) or rate limit
  'invalid', // the request is wrong for this provider (address, carrier not opened…): show per order, do not retry as is
  'duplicate', // the provider says the key was used: the number it holds is the answer
  'not-found', // cancel: no such number
  'transient', // timeout, dropped connection, 5xx, unreadable reply: retry with backoff
] as const;
export type WaybillErrorKind = (typeof waybillErrorKinds)[number];

export class WaybillProviderError extends Error {
  constructor(
    readonly kind: WaybillErrorKind,
    /** What to tell the user (catalog key + params: provider, code, the provider's words). */
    readonly msg: Message,
    readonly providerCode: string | null = null,
  ) {
    super(`${kind}: ${msg.key} ${JSON.stringify(msg.params ?? {})}`);
    this.name = 'WaybillProviderError';
  }
}

export interface WaybillProvider {
  readonly name: WaybillProviderName;
  /** Which of our carriers it can issue for. */
  carriers(): readonly string[];
  /** 取号: one request, one waybill (with children for 子母件). Throws WaybillProviderError. */
  issue(request: WaybillRequest): Promise<IssuedWaybill>;
  /** 取消单号: the number is void at the provider. Throws WaybillProviderError ('not-found' when it has no such number). */
  cancel(input: { carrierCode: string; trackingNo: string; requestKey: string; providerRef?: string | null }): Promise<void>;
  /** Checks the credentials with the cheapest call the provider has (packdesk providers test). */
  check(): Promise<void>;
}
