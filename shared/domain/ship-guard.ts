import { beijingDayStart } from './datetime';

/**
 * The late-shipping guard (发货延迟, china-formats §6): an order counts as shipped when its parcel
 * leaves — handed to the courier once the shop uses handovers — so what matters is the courier's
 * pickup on the shop's (Beijing) clock. An order whose deadline falls before the pickup after next
 * must leave with the next one: missing it means the next courier comes after the deadline.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

export type GuardWindow = {
  nowMs: number;
  /** Deadlines before this are at risk (now + the shop's `deadlineRiskHours`). */
  riskUntilMs: number;
  /** The next courier pickup: today's when it is still to come, else tomorrow's. */
  pickupMs: number;
  /** The pickup after it: an order due before this must leave with the next one. */
  followingPickupMs: number;
};

/**
 * How an open order stands: `late` (past its deadline), `misses-pickup` (due before the courier
 * comes: late even if it leaves with them), `this-pickup` (must leave with the next pickup),
 * `at-risk` (due within the risk hours, a later pickup still makes it), `ok`.
 */
export const guardStandings = ['late', 'misses-pickup', 'this-pickup', 'at-risk', 'ok'] as const;
export type GuardStanding = (typeof guardStandings)[number];

/** The next pickup at HH:mm Beijing time after `nowMs` (a pickup at exactly now has gone). */
export function nextPickup(nowMs: number, pickupTime: string): number {
  const m = CLOCK.exec(pickupTime);
  if (!m) throw new RangeError(`not a time of day: ${pickupTime}`);
  const today = beijingDayStart(nowMs) + Number(m[1]) * HOUR_MS + Number(m[2]) * 60_000;
  return today > nowMs ? today : today + DAY_MS;
}

export function guardWindow(nowMs: number, settings: { deadlineRiskHours: number; pickupTime: string }): GuardWindow {
  const pickupMs = nextPickup(nowMs, settings.pickupTime);
  return { nowMs, riskUntilMs: nowMs + settings.deadlineRiskHours * HOUR_MS, pickupMs, followingPickupMs: pickupMs + DAY_MS };
}

export function standingOf(deadlineMs: number, w: GuardWindow): GuardStanding {
  if (deadlineMs < w.nowMs) return 'late';
  if (deadlineMs < w.pickupMs) return 'misses-pickup';
  if (deadlineMs < w.followingPickupMs) return 'this-pickup';
  return deadlineMs < w.riskUntilMs ? 'at-risk' : 'ok';
}

/** Deadlines before this must leave with the next pickup (the pickup list's bound). */
export const pickupListUntil = (w: GuardWindow): number => w.followingPickupMs;
