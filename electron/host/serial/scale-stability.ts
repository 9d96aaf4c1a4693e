import type { ScaleReading } from './scale-frames';

export type StabilityRules = {
  /** This many readings in a row within one display step (or the frame's own "stable" flag). */
  readings: number;
  /** Lighter than this is no parcel (a hand resting on the pan). */
  minWeightG: number;
  /** Back to within this of zero before the next parcel counts (the last one was taken off). */
  zeroBandG: number;
};

/** What the bench shows and acts on after each reading. */
export type WeightEvent =
  /**
   * `overload`: over the scale's range, no weight to show or use. `taken`: the weight on the pan
   * already settled once and counts again only after the pan is cleared (the bench says so).
   */
  | { kind: 'live'; grams: number; stable: boolean; overload: boolean; taken: boolean }
  /** A parcel settled: its weight, once; the next one only after the pan was cleared. */
  | { kind: 'settled'; grams: number }
  /** The pan is back near zero: the next parcel may settle. */
  | { kind: 'cleared' };

/**
 * Decides when a weight is a parcel's weight. Frames with a stability flag are taken at their word
 * (the indicator knows its filter); frames without one (Yaohua) are stable when the last N readings
 * lie within one display step. Either way the weight must exceed a minimum, and after a parcel
 * settled the pan must return near zero before the next one can, so one parcel never counts twice.
 */
export function createStabilityDetector(rules: StabilityRules) {
  const window: number[] = [];
  let armed = true;
  let stable = false;

  return {
    push(r: ScaleReading): WeightEvent[] {
      const events: WeightEvent[] = [];
      if (r.overload) {
        // Shown as an overload, not as the last weight "settling": nothing settles until it ends.
        window.length = 0;
        stable = false;
        return [{ kind: 'live', grams: 0, stable: false, overload: true, taken: !armed }];
      }
      window.push(r.grams);
      if (window.length > rules.readings) window.shift();
      const live = Math.round(r.grams);
      const spread = Math.max(...window) - Math.min(...window);
      const steady = window.length >= rules.readings && spread <= r.stepG + 1e-9;
      stable = r.stable ?? steady;
      if (!armed && Math.abs(r.grams) <= rules.zeroBandG) {
        armed = true;
        events.push({ kind: 'cleared' });
      }
      if (armed && stable && r.grams >= rules.minWeightG) {
        armed = false;
        events.push({ kind: 'settled', grams: live });
      }
      events.unshift({ kind: 'live', grams: live, stable, overload: false, taken: !armed });
      return events;
    },
    /** After an unplug nothing about the pan is known: the next parcel must settle afresh. */
    reset(): void {
      window.length = 0;
      armed = true;
      stable = false;
    },
  };
}
export type StabilityDetector = ReturnType<typeof createStabilityDetector>;
