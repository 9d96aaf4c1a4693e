import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '#shared/i18n/translator';
import {
  beijingDayBounds,
  beijingStamp,
  excelSerialToIso,
  formatBeijing,
  InvalidDateTimeError,
  parseBeijingDateTime,
  readBeijingDateTime,
  shipDeadlineFrom,
  spreadsheetDateToIso,
} from '#shared/domain/datetime';

describe('parseBeijingDateTime', () => {
  it.each([
    ['2019-03-12 10:48:00', '2019-03-12T02:48:00.000Z'],
    ['2016/5/23 22:02', '2016-05-23T14:02:00.000Z'],
    ['2016/5/23 2:02:09', '2016-05-22T18:02:09.000Z'],
    ['2019-03-12', '2019-03-11T16:00:00.000Z'],
    ['2019-03-12T10:48:00', '2019-03-12T02:48:00.000Z'],
    ['2019年3月12日 10:48', '2019-03-12T02:48:00.000Z'],
    [' 2024-02-29 23:59:59 ', '2024-02-29T15:59:59.000Z'],
    ['2025-01-01 07:59:59', '2024-12-31T23:59:59.000Z'],
  ])('%s (Beijing) → %s', (text, iso) => {
    expect(parseBeijingDateTime(text)).toBe(iso);
  });

  it('reads blank as no time', () => {
    expect(parseBeijingDateTime('')).toBeNull();
    expect(parseBeijingDateTime('  ')).toBeNull();
  });

  it.each(['abc', '2019-13-01 00:00:00', '2019-02-29 10:00:00', '2019-04-31', '2019-03-12 24:00:00', '2019-03-12 10:60', '12/03/2019', '2019-03-12 10:48:0x', '1969-12-31'])(
    'rejects %s with a message quoting it',
    (text) => {
      expect(() => parseBeijingDateTime(text)).toThrow(InvalidDateTimeError);
      const r = readBeijingDateTime(text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(createTranslator('zh-CN').t(r.reason)).toContain(text);
        expect(createTranslator('en').t(r.reason)).toContain(text);
      }
    },
  );

  it('agrees between the fast fixed-layout path and the general one (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 0, 1) }), (ms) => {
        const t = Math.floor(ms / 1000) * 1000;
        const b = new Date(t + 8 * 3600_000);
        const p = (n: number): string => String(n).padStart(2, '0');
        const fixed = `${b.getUTCFullYear()}-${p(b.getUTCMonth() + 1)}-${p(b.getUTCDate())} ${p(b.getUTCHours())}:${p(b.getUTCMinutes())}:${p(b.getUTCSeconds())}`;
        const loose = `${b.getUTCFullYear()}/${b.getUTCMonth() + 1}/${b.getUTCDate()} ${b.getUTCHours()}:${p(b.getUTCMinutes())}:${p(b.getUTCSeconds())}`;
        expect(parseBeijingDateTime(fixed)).toBe(new Date(t).toISOString());
        expect(parseBeijingDateTime(loose)).toBe(new Date(t).toISOString());
        expect(formatBeijing(new Date(t).toISOString(), { seconds: true })).toBe(fixed);
      }),
    );
  });
});

describe('spreadsheet dates', () => {
  it('reads a date cell as Beijing wall-clock time', () => {
    expect(spreadsheetDateToIso(new Date(Date.UTC(2025, 2, 1, 10, 30, 0)))).toBe('2025-03-01T02:30:00.000Z');
    expect(spreadsheetDateToIso(new Date(Number.NaN))).toBeNull();
  });

  it('reads an Excel serial number', () => {
    // 45717.4375 = 2025-03-01 10:30 wall clock.
    expect(excelSerialToIso(45717.4375)).toBe('2025-03-01T02:30:00.000Z');
    expect(excelSerialToIso(12)).toBeNull();
  });
});

describe('deadlines and display', () => {
  it('adds the promise to the payment time', () => {
    expect(shipDeadlineFrom('2025-03-01T02:30:00.000Z')).toBe('2025-03-03T02:30:00.000Z');
    expect(shipDeadlineFrom('2025-03-01T02:30:00.000Z', 24)).toBe('2025-03-02T02:30:00.000Z');
    expect(() => shipDeadlineFrom('soon')).toThrow(RangeError);
  });

  it('gives what Date arithmetic gives, for any time and promise (property)', () => {
    // The import derives deadlines by position and a per-day cache instead of Date; same answers.
    const viaDate = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3600_000).toISOString();
    const hours = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -100, max: 100, noNaN: true }));
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 3.3e13 }), hours, (t, h) => {
        const iso = new Date(t).toISOString();
        expect(shipDeadlineFrom(iso, h)).toBe(viaDate(iso, h));
      }),
    );
    for (const iso of ['2025-03-01T24:00:00.000Z', '2025-02-30T01:00:00.000Z', '2024-02-29T23:59:59.999Z', '2025-03-01T02:30:00Z', '2999-12-31T23:00:00.000Z']) {
      expect(shipDeadlineFrom(iso, 48)).toBe(viaDate(iso, 48));
    }
  });

  it('shows Beijing time, crossing midnight correctly', () => {
    expect(formatBeijing('2024-12-31T16:05:00.000Z')).toBe('2025-01-01 00:05');
    expect(formatBeijing('nonsense')).toBe('');
  });
});

describe('Beijing stamps and days', () => {
  it('stamps a file name on the Beijing clock: 17:12 UTC is 01:12 the next day', () => {
    expect(beijingStamp('2026-12-04T17:12:09.000Z')).toBe('202612050112');
    expect(beijingStamp('2026-12-04T17:12:09.000Z', { seconds: true })).toBe('20261205011209');
  });

  it('gives the UTC bounds of a Beijing day, and null for no real day', () => {
    expect(beijingDayBounds('2026-12-05')).toEqual({ start: '2026-12-04T16:00:00.000Z', end: '2026-12-05T16:00:00.000Z' });
    expect(beijingDayBounds('2024-12-31')).toEqual({ start: '2024-12-30T16:00:00.000Z', end: '2024-12-31T16:00:00.000Z' });
    for (const bad of ['2026-02-30', '2026-12-5', '', '20261205', '2026-12-05 00:00']) expect(beijingDayBounds(bad)).toBeNull();
  });
});
