import { describe, expect, it } from 'vitest';
import type { ScaleReading } from './scale-frames';
import { createStabilityDetector, type WeightEvent } from './scale-stability';

const r = (grams: number, stable: boolean | null = null): ScaleReading => ({ grams, stepG: 5, stable, overload: false });
const settledOf = (events: WeightEvent[][]) => events.flat().filter((e) => e.kind === 'settled').map((e) => (e as { grams: number }).grams);

describe('stability in software', () => {
  it('settles once N readings lie within one step, not while the pan moves', () => {
    const d = createStabilityDetector({ readings: 4, minWeightG: 20, zeroBandG: 10 });
    const out = [0, 300, 800, 1180, 1205, 1200, 1203, 1204, 1202].map((g) => d.push(r(g)));
    // 1205, 1200, 1203, 1204: four readings within one 5 g step.
    expect(settledOf(out)).toEqual([1204]);
    expect(out.findIndex((e) => e.some((x) => x.kind === 'settled'))).toBe(7);
  });

  it('takes one weight per parcel: the pan must come back near zero before the next', () => {
    const d = createStabilityDetector({ readings: 3, minWeightG: 20, zeroBandG: 10 });
    const feed = (gs: number[]) => gs.map((g) => d.push(r(g)));
    expect(settledOf(feed([500, 500, 500, 500, 500, 502]))).toEqual([500]);
    expect(settledOf(feed([700, 700, 700]))).toEqual([]); // a second box stacked on top: not a new parcel
    const cleared = feed([300, 5]);
    expect(cleared.flat().some((e) => e.kind === 'cleared')).toBe(true);
    expect(settledOf(feed([900, 900, 900]))).toEqual([900]);
  });

  it('ignores a weight under the minimum (a hand on the pan)', () => {
    const d = createStabilityDetector({ readings: 3, minWeightG: 20, zeroBandG: 10 });
    expect(settledOf([15, 15, 15, 15].map((g) => d.push(r(g))))).toEqual([]);
  });

  it('trusts the frame flag when the frame has one', () => {
    const d = createStabilityDetector({ readings: 5, minWeightG: 20, zeroBandG: 10 });
    expect(settledOf([d.push(r(800, false)), d.push(r(800, false)), d.push(r(801, true))])).toEqual([801]);
  });

  it('shows the live weight after every reading; an overload shows as one, never as the last weight, and never settles', () => {
    const d = createStabilityDetector({ readings: 2, minWeightG: 20, zeroBandG: 10 });
    expect(d.push(r(766))[0]).toEqual({ kind: 'live', grams: 766, stable: false, overload: false, taken: false });
    const overload = { grams: 0, stepG: 5, stable: false, overload: true };
    expect(d.push(overload)).toEqual([{ kind: 'live', grams: 0, stable: false, overload: true, taken: false }]);
    expect(settledOf([d.push(overload), d.push(overload), d.push(overload)])).toEqual([]);
    // Off the overload, a weight settles afresh (N readings again).
    expect(settledOf([d.push(r(900)), d.push(r(900))])).toEqual([900]);
  });

  it('says when the weight on the pan was taken already and counts again only after the pan is cleared', () => {
    const d = createStabilityDetector({ readings: 2, minWeightG: 20, zeroBandG: 10 });
    const live = (g: number) => d.push(r(g)).find((e) => e.kind === 'live') as { taken: boolean };
    expect(live(452).taken).toBe(false);
    expect(live(452).taken).toBe(true);
    expect(live(452).taken).toBe(true);
    expect(live(0).taken).toBe(false);
  });
});
