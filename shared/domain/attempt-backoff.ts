import { z } from 'zod';

/**
 * Backoff for guessable secrets (a bench's PIN pad, later the phone login at the hub). A few wrong
 * tries are free; after them every further try must wait, and each wrong one doubles the wait up to
 * a cap. A right one after the wait starts afresh. Pure: the caller brings the clock and the storage,
 * so a restart keeps the count and tests never sleep.
 */
export type BackoffPolicy = { freeFailures: number; firstDelayMs: number; maxDelayMs: number };

/** A 4-digit PIN has 10 000 values: 5 free tries, then 30 s, 1 min, 2 min … up to 15 min per try. */
export const pinBackoff: BackoffPolicy = { freeFailures: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000 };

/** Wrong tries in a row, and until when (ms since the epoch) the next try must wait; 0: no wait. */
export type AttemptState = { failures: number; blockedUntil: number };
export const freshAttempts: AttemptState = { failures: 0, blockedUntil: 0 };
export const attemptStateSchema = z.object({
  failures: z.number().int().min(0).max(1_000_000_000),
  blockedUntil: z.number().int().min(0),
});

/**
 * How long the next try must still wait at `now` (0: go ahead). Never more than the cap, so a clock
 * turned back cannot lock anyone out for longer.
 */
export function waitMs(state: AttemptState, now: number, policy: BackoffPolicy): number {
  return Math.min(Math.max(0, state.blockedUntil - now), policy.maxDelayMs);
}

/** After a wrong try at `now`: the next state, and how long it locks (0: still a free try). */
export function afterFailure(state: AttemptState, now: number, policy: BackoffPolicy): { state: AttemptState; lockMs: number } {
  const failures = state.failures + 1;
  if (failures < policy.freeFailures) return { state: { failures, blockedUntil: 0 }, lockMs: 0 };
  const lockMs = Math.min(policy.firstDelayMs * 2 ** Math.min(failures - policy.freeFailures, 40), policy.maxDelayMs);
  return { state: { failures, blockedUntil: now + lockMs }, lockMs };
}

/** Where the states live (a station's meta table, a hub table), one per scope (a bench, a user). */
export type AttemptStore = { load(scope: string): AttemptState; save(scope: string, state: AttemptState): void };

export type AttemptGuard = {
  /** How long `scope` must wait before its next try; 0 when it may try now. */
  wait(scope: string): number;
  /** Counts a wrong try; returns the count and how long it locks `scope` (0: not locked). */
  failed(scope: string): { failures: number; lockMs: number };
  /** A right try: `scope` starts afresh. */
  succeeded(scope: string): void;
};

export function createAttemptGuard(deps: { store: AttemptStore; now: () => number; policy: BackoffPolicy }): AttemptGuard {
  const { store, now, policy } = deps;
  return {
    wait: (scope) => waitMs(store.load(scope), now(), policy),
    failed(scope) {
      const next = afterFailure(store.load(scope), now(), policy);
      store.save(scope, next.state);
      return { failures: next.state.failures, lockMs: next.lockMs };
    },
    succeeded(scope) {
      if (store.load(scope).failures > 0) store.save(scope, freshAttempts);
    },
  };
}
