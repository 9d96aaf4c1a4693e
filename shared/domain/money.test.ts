import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '#shared/i18n/translator';
import { formatFen, InvalidAmountError, parseYuanToFen, readYuan } from '#shared/domain/money';

describe('parseYuanToFen', () => {
  it.each([
    ['598', 59800],
    ['598.00元', 59800],
    ['0元', 0],
    [' 12.5 ', 1250],
    ['¥12.30', 1230],
    ['￥0.01', 1],
    ['1,234.50', 123450],
    ['12,345,678.9', 1234567890],
    ['0.29', 29],
    ['-3.5', -350],
    ['¥-3.50', -350],
    ['12.', 1200],
    ['12.300', 1230],
    ['RMB 7', 700],
  ])('%s → %i fen', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
  });

  it('reads blank cells as "no amount", not zero', () => {
    expect(parseYuanToFen('')).toBeNull();
    expect(parseYuanToFen('   ')).toBeNull();
  });

  it.each(['abc', '12.3.4', '1,23', '1,2345', '12.345', '--5', '5元元', '¥', '1e3', '0x10', '１２'])(
    'rejects %s with an error that quotes the text',
    (text) => {
      expect(() => parseYuanToFen(text)).toThrow(InvalidAmountError);
      const r = readYuan(text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reason.params?.['text']).toBe(text);
        expect(createTranslator('zh-CN').t(r.reason)).toContain(text);
        expect(createTranslator('en').t(r.reason)).toContain(text);
      }
    },
  );

  it('refuses amounts too large for exact integer fen, saying they are too large, not that they are not amounts', () => {
    for (const text of ['99999999999999', '99,999,999,999,999.00', '¥123456789012345']) {
      const r = readYuan(text);
      expect(r.ok ? null : r.reason.key).toBe('amount.tooLarge');
    }
    expect(parseYuanToFen('9999999999999.99')).toBe(999999999999999);
  });

  it('reads plain amounts by digits exactly as by the general rule (property)', () => {
    const plain = fc.tuple(fc.stringMatching(/^\d{1,13}$/), fc.option(fc.stringMatching(/^\d{1,2}$/), { nil: undefined }));
    fc.assert(
      fc.property(plain, ([whole, frac]) => {
        const text = frac === undefined ? whole : `${whole}.${frac}`;
        expect(parseYuanToFen(text)).toBe(Number(whole) * 100 + Number((frac ?? '').padEnd(2, '0')));
        expect(parseYuanToFen(`${text}元`)).toBe(parseYuanToFen(text));
      }),
    );
    expect(parseYuanToFen('0012.5')).toBe(1250);
    expect(readYuan('12345678901234').ok).toBe(false);
  });

  it('does not suffer float rounding (4.35 * 100 is 434.99999999999994 in floats)', () => {
    expect(parseYuanToFen('4.35')).toBe(435);
    expect(parseYuanToFen('1.15')).toBe(115);
    expect(parseYuanToFen('0.07')).toBe(7);
    expect(parseYuanToFen('1,004.35元')).toBe(100435);
  });
});

describe('formatFen', () => {
  it.each([
    [1230, '12.30'],
    [5, '0.05'],
    [-5, '-0.05'],
    [0, '0.00'],
    [59800, '598.00'],
  ])('%i → %s', (fen, text) => expect(formatFen(fen)).toBe(text));

  it('refuses non-integer fen, which would mean a float slipped in', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
  });

  it('round-trips every fen amount through text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (fen) => {
        expect(parseYuanToFen(formatFen(fen))).toBe(fen);
        expect(parseYuanToFen(`¥${formatFen(fen)}元`.replace('¥-', '-¥'))).toBe(fen);
      }),
    );
  });
});
