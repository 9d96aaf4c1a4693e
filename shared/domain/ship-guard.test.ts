import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardWindow, nextPickup, standingOf } from './ship-guard';

/** Beijing wall clock → UTC ms (UTC+8, no daylight saving). */
const bj = (s: string) => Date.parse(`${s}+08:00`);

describe('the courier pickup on the Beijing clock', () => {
  it('is today\'s while it is still to come, tomorrow\'s from the minute it comes', () => {
    expect(nextPickup(bj('2026-03-10T15:59:59'), '16:00')).toBe(bj('2026-03-10T16:00:00'));
    expect(nextPickup(bj('2026-03-10T16:00:00'), '16:00')).toBe(bj('2026-03-11T16:00:00'));
    expect(nextPickup(bj('2026-03-10T23:30:00'), '16:00')).toBe(bj('2026-03-11T16:00:00'));
  });

  it('crosses Beijing midnight where UTC does not: 00:30 in Beijing is still the previous UTC day', () => {
    // 2026-03-10 16:30 UTC is 00:30 on the 11th in Beijing: the pickup is the 11th's, 16 hours later.
    expect(nextPickup(Date.parse('2026-03-10T16:30:00Z'), '16:00')).toBe(bj('2026-03-11T16:00:00'));
    // A 00:15 pickup at 23:50 Beijing is 25 minutes away, on the next Beijing day.
    expect(nextPickup(bj('2026-12-31T23:50:00'), '00:15')).toBe(bj('2027-01-01T00:15:00'));
  });

  it('refuses a time of day that is not HH:mm', () => {
    expect(() => nextPickup(0, '24:00')).toThrow(RangeError);
    expect(() => nextPickup(0, '9:00')).toThrow(RangeError);
  });

  it('is always in the next 24 hours, at the minute asked, Beijing time (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1) }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (now, h, m) => {
        const clock = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        const at = nextPickup(now, clock);
        expect(at).toBeGreaterThan(now);
        expect(at - now).toBeLessThanOrEqual(86_400_000);
        const local = new Date(at + 8 * 3_600_000);
        expect([local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()]).toEqual([h, m, 0]);
      }),
    );
  });
});

describe('how an open order stands against its deadline and the pickup', () => {
  const w = guardWindow(bj('2026-03-10T10:00:00'), { deadlineRiskHours: 6, pickupTime: '16:00' });
  it('late, missing the pickup, for this pickup, at risk, fine', () => {
    expect(standingOf(bj('2026-03-10T09:59:00'), w)).toBe('late');
    expect(standingOf(bj('2026-03-10T15:00:00'), w)).toBe('misses-pickup');
    // Due tomorrow 09:00: tomorrow's courier comes at 16:00, too late, so it goes today.
    expect(standingOf(bj('2026-03-11T09:00:00'), w)).toBe('this-pickup');
    expect(standingOf(bj('2026-03-11T16:30:00'), w)).toBe('ok');
  });
  it('after today\'s pickup, tomorrow\'s is the one that counts', () => {
    const evening = guardWindow(bj('2026-03-10T23:00:00'), { deadlineRiskHours: 12, pickupTime: '16:00' });
    expect(standingOf(bj('2026-03-11T08:00:00'), evening)).toBe('misses-pickup');
    expect(standingOf(bj('2026-03-12T15:00:00'), evening)).toBe('this-pickup');
    expect(standingOf(bj('2026-03-12T17:00:00'), guardWindow(bj('2026-03-10T23:00:00'), { deadlineRiskHours: 48, pickupTime: '16:00' }))).toBe('at-risk');
  });
});
