/**
 * Numbers issued by an e-waybill provider (电子面单, issue 11), as every part of the system names
 * them: the providers, the routing data printed on the standard templates, and the request key
 * that makes a retry return the same number.
 */
export const waybillProviderNames = ['kuaidi100', 'kdniao', 'cainiao', 'pinduoduo'] as const;
export type WaybillProviderName = (typeof waybillProviderNames)[number];
export const isWaybillProvider = (name: string): name is WaybillProviderName => (waybillProviderNames as readonly string[]).includes(name);

/** The provider's idempotency key alphabet (快递100 orderId, 快递鸟 OrderCode, 菜鸟/PDD object_id all take it). */
export const REQUEST_KEY = /^[A-Za-z0-9_-]{1,50}$/;

/**
 * The request key of an order's nth number (n counts numbers that were cancelled before): the same
 * order asks with the same key until its number is voided, so a retry after a timeout never yields
 * a second live number; after a void the next key asks for a new one.
 */
export function requestKeyFor(orderId: string, attempt: number): string {
  // orderId is platform:externalId; the key alphabet has no colon.
  const base = orderId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 44);
  return attempt === 0 ? base : `${base}-R${attempt}`;
}

/** A cancel (取消单号) that failed waits 1, 2, 4 … minutes, never more than an hour, before it is sent again. */
export const cancelBackoffMs = (attemptsBefore: number): number => Math.min(60, 2 ** Math.min(attemptsBefore, 6)) * 60_000;

/** Orders asked for in one batch (one screen's worth; the CLI loops over bigger sets). */
export const FETCH_BATCH_MAX = 500;
