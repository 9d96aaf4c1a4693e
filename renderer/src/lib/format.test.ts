import { describe, expect, it } from 'vitest';
import { checkWeight } from '../features/bench/weight-check';
import { formatAgo, formatDateTime, formatGrams, formatSpan, isLate, parseSigned, parseWhole, splitList } from './format';

describe('format helpers', () => {
  it('parses whole and signed numbers strictly', () => {
    expect(parseWhole('120')).toBe(120);
    expect(parseWhole('３０００')).toBe(3000);
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
    const tol = { pct: 10, g: 0 };
    expect(checkWeight(1000, 1050, tol).status).toBe('ok');
    expect(checkWeight(1000, 800, tol)).toEqual({ status: 'light', deviationG: -200, deviationPct: -20 });
    expect(checkWeight(1000, 1200, tol).status).toBe('heavy');
    expect(checkWeight(null, 1200, tol).status).toBe('none');
    // A fixed band in grams keeps light parcels from tripping on scale noise.
    expect(checkWeight(100, 125, { pct: 10, g: 30 }).status).toBe('ok');
    expect(checkWeight(100, 135, { pct: 10, g: 30 }).status).toBe('heavy');
  });

  it('says how long ago, with "just now" under a minute and for clocks running slightly ahead', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(formatAgo('2025-01-01T11:59:30Z', 'zh-CN', now, '刚刚')).toBe('刚刚');
    expect(formatAgo('2025-01-01T12:00:20Z', 'zh-CN', now, '刚刚')).toBe('刚刚');
    expect(formatAgo('2025-01-01T11:58:00Z', 'zh-CN', now, '刚刚')).toBe('2分钟前');
    expect(formatAgo('2025-01-01T09:00:00Z', 'en', now, 'just now')).toBe('3 hours ago');
    expect(formatAgo('2024-12-29T12:00:00Z', 'en', now, 'just now')).toBe('3 days ago');
    expect(formatAgo('2025-01-01T11:48:00Z', 'en', now, 'just now', 'short')).toBe('12 min. ago');
    expect(formatAgo(null, 'en', now, 'just now')).toBe('—');
  });

  it('writes English dates with the month named (12/09 is two dates), Chinese ones as before, midnight as 00', () => {
    const dec9 = '2026-12-08T19:10:00Z';
    expect(formatDateTime(dec9, 'en')).toBe('Dec 9, 2026, 03:10');
    expect(formatDateTime(dec9, 'en', { seconds: true })).toBe('Dec 9, 2026, 03:10:00');
    expect(formatDateTime(dec9, 'zh-CN')).toBe('2026/12/09 03:10');
    expect(formatDateTime('2026-12-08T16:05:00Z', 'en')).toBe('Dec 9, 2026, 00:05');
    expect(formatDateTime('2026-12-08T16:05:00Z', 'zh-CN')).toBe('2026/12/09 00:05');
  });

  it('names a span of time in its largest sensible unit', () => {
    expect(formatSpan(-3 * 86_400_000, 'zh-CN')).toBe('3天');
    expect(formatSpan(5 * 60_000, 'en')).toBe('5 minutes');
    expect(formatSpan(3 * 3_600_000, 'en')).toBe('3 hours');
  });
});


describe('formatStamp', () => {
  it('writes the time burned into a pack video in the shop zone, to the second', async () => {
    const { formatStamp } = await import('./format');
    expect(formatStamp(new Date('2026-12-05T22:02:49.400Z'))).toBe('2026-12-06 06:02:49');
  });
});
