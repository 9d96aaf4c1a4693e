import { describe, expect, it } from 'vitest';
import { checkWeight } from '../features/bench/weight-check';
import { formatGrams, isLate, parseSigned, parseWhole, splitList } from './format';

describe('format helpers', () => {
  it('parses whole and signed numbers strictly', () => {
    expect(parseWhole('120')).toBe(120);
    expect(parseWhole('1.5')).toBeNull();
    expect(parseWhole('')).toBeNull();
    expect(parseSigned('-3')).toBe(-3);
    expect(parseSigned('+10')).toBe(10);
    expect(parseSigned('x')).toBeNull();
  });

  it('splits province lists written with Chinese or ASCII separators', () => {
    expect(splitList('新疆，西藏、 青海;内蒙古 ')).toEqual(['新疆', '西藏', '青海', '内蒙古']);
  });

  it('tells late deadlines and formats weights', () => {
    expect(isLate('2020-01-01T00:00:00Z', Date.parse('2020-01-02T00:00:00Z'))).toBe(true);
    expect(isLate(null)).toBe(false);
    expect(formatGrams(950)).toBe('950 g');
    expect(formatGrams(1250)).toBe('1.25 kg');
  });

  it('flags a parcel outside the weight tolerance', () => {
    expect(checkWeight(1000, 1050, 10).status).toBe('ok');
    expect(checkWeight(1000, 800, 10)).toEqual({ status: 'light', deviationPct: -20 });
    expect(checkWeight(1000, 1200, 10).status).toBe('heavy');
    expect(checkWeight(null, 1200, 10).status).toBe('none');
  });
});
