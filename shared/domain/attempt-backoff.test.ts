import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterFailure, createAttemptGuard, freshAttempts, pinBackoff, waitMs, type AttemptState } from './attempt-backoff';

const SECOND = 1000;

function guardAt(start = 1_700_000_000_000) {
  let now = start;
  const states = new Map<string, AttemptState>();
  const guard = createAttemptGuard({
    store: { load: (scope) => states.get(scope) ?? freshAttempts, save: (scope, state) => void states.set(scope, state) },
    now: () => now,
    policy: pinBackoff,
  });
  return { guard, states, advance: (ms: number) => (now += ms), setNow: (ms: number) => (now = ms) };
}

describe('attempt backoff', () => {
  it('five wrong tries are free; then 30 s, 60 s, 120 s … capped at 15 min; a right try afterwards resets', () => {
    const { guard, advance } = guardAt();
    for (let i = 1; i <= 4; i++) expect(guard.failed('bench')).toEqual({ failures: i, lockMs: 0 });
    expect(guard.wait('bench')).toBe(0);
    expect(guard.failed('bench')).toEqual({ failures: 5, lockMs: 30 * SECOND });
    expect(guard.wait('bench')).toBe(30 * SECOND);
    advance(10 * SECOND);
    expect(guard.wait('bench')).toBe(20 * SECOND);
    advance(20 * SECOND);
    expect(guard.wait('bench')).toBe(0);
    const locks = [];
    for (let i = 0; i < 8; i++) {
      const { lockMs } = guard.failed('bench');
      locks.push(lockMs / SECOND);
      advance(lockMs);
    }
    expect(locks).toEqual([60, 120, 240, 480, 900, 900, 900, 900]);
    guard.succeeded('bench');
    expect(guard.wait('bench')).toBe(0);
    expect(guard.failed('bench')).toEqual({ failures: 1, lockMs: 0 });
  });

  it('keeps scopes apart: one user locked out does not lock another', () => {
    const { guard } = guardAt();
    for (let i = 0; i < 5; i++) guard.failed('user:a');
    expect(guard.wait('user:a')).toBeGreaterThan(0);
    expect(guard.wait('user:b')).toBe(0);
  });

  it('a clock turned back cannot make a lockout last longer than the cap', () => {
    const { guard, setNow } = guardAt(2_000_000_000_000);
    for (let i = 0; i < 5; i++) guard.failed('bench');
    setNow(1_000_000_000_000);
    expect(guard.wait('bench')).toBe(pinBackoff.maxDelayMs);
  });

  it('for any sequence of tries: never more than 5 wrong tries without a wait, waits within the cap, each locking try waits at least as long as the last', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ right: fc.boolean(), after: fc.integer({ min: 0, max: 20 * 60 * SECOND }) }), { maxLength: 60 }), (tries) => {
        let state = freshAttempts;
        let now = 1_700_000_000_000;
        let unwaited = 0;
        let lastLock = 0;
        for (const attempt of tries) {
          now += attempt.after;
          if (waitMs(state, now, pinBackoff) > 0) continue; // refused at once, not evaluated
          if (attempt.right) {
            state = freshAttempts;
            unwaited = 0;
            lastLock = 0;
            continue;
          }
          const next = afterFailure(state, now, pinBackoff);
          unwaited = next.lockMs > 0 ? 0 : unwaited + 1;
          expect(unwaited).toBeLessThan(pinBackoff.freeFailures);
          expect(next.lockMs).toBeLessThanOrEqual(pinBackoff.maxDelayMs);
          if (next.lockMs > 0) {
            expect(next.lockMs).toBeGreaterThanOrEqual(lastLock);
            lastLock = next.lockMs;
          }
          state = next.state;
        }
      }),
    );
  });
});
