import { describe, expect, it } from 'vitest';
import { createWeighing } from './weighing';

const tolerance = { pct: 10, g: 20 };

describe('weighing: a mismatch holds until a supervisor accepts', () => {
  it('a re-weigh within tolerance shows the new weight and keeps the hold', () => {
    const w = createWeighing();
    w.forOrder('o1');
    w.settled(410);
    expect(w.check(250, tolerance)).toBe('heavy');
    expect(w.holds()).toBe(true);
    w.settled(250);
    expect(w.check(250, tolerance)).toBe('ok');
    expect(w.holds()).toBe(true);
    expect(w.mismatchG()).toBe(410);
    expect(w.view('connected')).toMatchObject({ status: 'ok', settledG: 250, mismatchG: 410, accepted: false });
    w.accept();
    expect(w.holds()).toBe(false);
    expect(w.mismatchG()).toBeNull();
  });

  it('knows a typed weight from a settled one: a weight typed again replaces only a typed one', () => {
    const w = createWeighing();
    w.forOrder('o1');
    w.settled(800, 'typed');
    expect(w.check(207, tolerance)).toBe('heavy');
    expect(w.typed()).toBe(true);
    w.settled(230, 'typed');
    expect(w.check(207, tolerance)).toBe('heavy');
    expect(w.mismatchG()).toBe(230);
    w.settled(210);
    expect(w.typed()).toBe(false);
    w.forOrder('o2');
    expect(w.typed()).toBe(false);
  });

  it('a mismatch still open from an earlier opening holds the order; another order starts clean', () => {
    const w = createWeighing();
    w.forOrder('o1', 380);
    expect(w.holds()).toBe(true);
    w.forOrder('o1', null);
    expect(w.holds()).toBe(true);
    w.forOrder('o2');
    expect(w.holds()).toBe(false);
    w.settled(260);
    expect(w.check(250, tolerance)).toBe('ok');
    expect(w.holds()).toBe(false);
  });
});
