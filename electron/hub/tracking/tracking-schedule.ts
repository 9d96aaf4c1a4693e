import { beijingDayStart } from '#shared/domain/datetime';
import { leftWithoutHandoverBefore } from '#shared/domain/handover-window';
import { trackingErrorKinds, type TrackingErrorKind } from './tracking-provider';

/**
 * When to ask a provider about a parcel next. Pure: the service feeds it the clock.
 *
 * - 快递100 locks a number asked about more often than about every 30 minutes ("否则会造成锁单",
 *   §1.2), so no schedule here ever comes back sooner than that, for either provider.
 * - A parcel with no trace yet (not picked up) is asked again after 1 h, 2 h, 4 h… up to a day.
 * - A failure that may pass (timeout, dropped connection, 5xx, a reply we cannot read) backs off
 *   from 30 min, doubling, up to 12 h. One the provider will repeat for this number (unknown
 *   carrier, phone needed) waits a day. Quota: the provider's next day (Beijing). Account
 *   problems (bad key or signature) stop the provider for an hour, for every parcel.
 */
export const MIN_GAP_MS = 30 * 60_000;
const HOUR = 3600_000;
/** Polling only: every 3 h while the parcel moves. */
export const POLL_EVERY_MS = 3 * HOUR;
/** Subscribed: pushes carry the news; one safety poll a day catches a push that never came. */
export const SUBSCRIBED_POLL_EVERY_MS = 24 * HOUR;
/** Parcels are followed this long after printing, then left alone. */
export const TRACK_DAYS = 30;
export const ACCOUNT_PAUSE_MS = HOUR;
/** 快递100 `abort`: "resubscribe after 30 min if the number is really correct" (§1.3). */
export const RESUBSCRIBE_AFTER_MS = 30 * 60_000;

export type TrackableParcel = { printedAt: string; handedOverAt: string | null; final: boolean };

/**
 * Whether the hub follows a parcel now: printed (it has a row), live (the caller leaves voided ones
 * out), under TRACK_DAYS old and not delivered or back with the sender — and, once the shop hands
 * parcels over (`firstHandoverAt`), handed over: a parcel still on the bench has no trace to find
 * and would only spend quota. Parcels printed long before the first handover left without one
 * (shared/domain/handover-window).
 */
export function isTrackable(parcel: TrackableParcel, now: Date, firstHandoverAt: string | null = null): boolean {
  if (parcel.final) return false;
  if (now.getTime() - Date.parse(parcel.printedAt) >= TRACK_DAYS * 24 * HOUR) return false;
  return parcel.handedOverAt !== null || firstHandoverAt === null || parcel.printedAt < leftWithoutHandoverBefore(firstHandoverAt);
}

/** The earliest printed_at still tracked at `now` (for the query that finds due parcels). */
export const trackedSince = (now: Date): string => new Date(now.getTime() - TRACK_DAYS * 24 * HOUR).toISOString();

const at = (now: Date, ms: number) => new Date(now.getTime() + Math.max(ms, MIN_GAP_MS)).toISOString();
const doubling = (base: number, failures: number, cap: number) => Math.min(cap, base * 2 ** Math.min(failures, 20));

export const nextAfterNews = (now: Date, subscribed: boolean): string => at(now, subscribed ? SUBSCRIBED_POLL_EVERY_MS : POLL_EVERY_MS);
/** `failures`: earlier asks in a row that found nothing or failed (0 for the first). */
export const nextAfterNoTrace = (now: Date, failures: number): string => at(now, doubling(HOUR, failures, 24 * HOUR));

/** The next ask for this parcel after a failure of `kind`. */
export function nextAfterFailure(kind: TrackingErrorKind, now: Date, failures: number): string {
  switch (trackingErrorKinds[kind]) {
    case 'quota':
      return providerPauseUntil(kind, now);
    case 'account':
      return at(now, ACCOUNT_PAUSE_MS);
    case 'parcel':
      return at(now, 24 * HOUR);
    case 'retry':
      return kind === 'no-trace' ? nextAfterNoTrace(now, failures) : at(now, doubling(MIN_GAP_MS, failures, 12 * HOUR));
  }
}

/** How long a whole provider rests after `kind`; null: only this parcel waits. */
export function providerPauseUntil(kind: TrackingErrorKind, now: Date): string {
  const cls = trackingErrorKinds[kind];
  if (cls === 'quota') return new Date(beijingDayStart(now.getTime(), -1)).toISOString();
  if (cls === 'account') return at(now, ACCOUNT_PAUSE_MS);
  return now.toISOString();
}

export const pausesProvider = (kind: TrackingErrorKind): boolean => ['quota', 'account'].includes(trackingErrorKinds[kind]);
