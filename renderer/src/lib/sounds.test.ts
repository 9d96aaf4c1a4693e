import { describe, expect, it } from 'vitest';
import { benchOutcomes } from '#shared/contract/bench.contract';
import { playOutcome, soundForOutcome, soundPatterns } from './sounds';

describe('bench sounds', () => {
  it('gives the six key outcomes six different sounds', () => {
    const key = ['verified', 'wrong_item', 'over_scan', 'unknown_barcode', 'blocked', 'completed'] as const;
    const names = key.map(soundForOutcome);
    expect(new Set(names).size).toBe(key.length);
    const shapes = names.map((n) => JSON.stringify(soundPatterns[n]));
    expect(new Set(shapes).size).toBe(key.length);
  });

  it('matches the agreed shapes: short tick, low buzz, double beep, rising, long alarm, chord', () => {
    const tick = soundPatterns[soundForOutcome('verified')];
    expect(tick).toHaveLength(1);
    expect(tick[0]!.dur).toBeLessThanOrEqual(0.08);
    expect(tick[0]!.freq).toBeGreaterThan(1500);
    const buzz = soundPatterns[soundForOutcome('wrong_item')];
    expect(buzz[0]!.freq).toBeLessThan(250);
    expect(soundPatterns[soundForOutcome('over_scan')]).toHaveLength(2);
    const rising = soundPatterns[soundForOutcome('unknown_barcode')][0]!;
    expect(rising.to).toBeGreaterThan(rising.freq);
    const alarm = soundPatterns[soundForOutcome('blocked')];
    expect(Math.max(...alarm.map((t) => t.at + t.dur))).toBeGreaterThan(1);
    const chord = soundPatterns[soundForOutcome('completed')];
    expect(new Set(chord.map((t) => t.freq)).size).toBeGreaterThanOrEqual(3);
  });

  it('has a sound for every outcome and is silent where WebAudio is missing', () => {
    for (const o of benchOutcomes) expect(soundPatterns[soundForOutcome(o)].length).toBeGreaterThan(0);
    expect(() => playOutcome('verified')).not.toThrow();
  });
});
