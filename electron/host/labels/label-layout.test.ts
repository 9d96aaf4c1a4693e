import bwipjs from 'bwip-js/node';
import { describe, expect, it } from 'vitest';
import { code128Modules, code128Placement, fitHeight, fitText, mmToDots, QUIET_ZONE_MODULES, wrapText, estimateTextWidthMm } from './label-layout';

const bwipModules = (data: string) => {
  const sym = bwipjs.raw('code128', data, {})[0];
  if (!sym || !('sbs' in sym)) throw new Error('no bars');
  return sym.sbs.reduce((a, b) => a + b, 0);
};

describe('label layout helpers', () => {
  it('converts millimetres to whole printer dots (8/mm at 203 dpi, 12/mm at 300 dpi)', () => {
    expect([mmToDots(100, 203), mmToDots(150, 203), mmToDots(76, 203), mmToDots(180, 203)]).toEqual([800, 1200, 608, 1440]);
    expect([mmToDots(100, 300), mmToDots(150, 300)]).toEqual([1200, 1800]);
  });

  it.each(['SF1234567890123', 'YT7412345678901', '773123456789012', 'JT0001234567890', '3847562910384756291', '1', 'ab-12', 'PD:CANCEL', '12a34567'])(
    'counts Code128 modules exactly as bwip-js encodes %s',
    (data) => expect(code128Modules(data)).toBe(bwipModules(data)),
  );

  it('rejects data Code128 cannot carry', () => {
    expect(() => code128Modules('运单')).toThrow(RangeError);
    expect(() => code128Modules('')).toThrow(RangeError);
  });

  it('places bars in whole dots with at least 10 modules of quiet zone inside the box', () => {
    const el = { kind: 'code128' as const, x: 3.5, y: 10, widthMm: 93, heightMm: 14, moduleMm: 0.375, data: 'SF1234567890123', humanReadable: false };
    for (const dpi of [203, 300]) {
      const p = code128Placement(el, dpi);
      const left = p.x - mmToDots(el.x, dpi);
      const right = mmToDots(el.x, dpi) + mmToDots(el.widthMm, dpi) - (p.x + p.widthDots);
      expect(Number.isInteger(p.narrow)).toBe(true);
      expect(Math.min(left, right)).toBeGreaterThanOrEqual(QUIET_ZONE_MODULES * p.narrow);
    }
  });

  it('shrinks the module to keep quiet zones when the box is narrow', () => {
    const el = { kind: 'code128' as const, x: 0, y: 0, widthMm: 45, heightMm: 8, moduleMm: 0.5, data: 'SF1234567890123', humanReadable: true };
    const p = code128Placement(el, 203);
    expect(p.narrow).toBe(2);
    expect(p.x).toBeGreaterThanOrEqual(QUIET_ZONE_MODULES * 2);
  });

  it('cuts text with an ellipsis only when it does not fit, and shrinks codes instead of cutting them', () => {
    expect(fitText('短', 3, 50)).toBe('短');
    const cut = fitText('浙江省杭州市西湖区文三路四百七十八号华星时代广场', 4, 40);
    expect(cut.endsWith('…')).toBe(true);
    expect(estimateTextWidthMm(cut, 4)).toBeLessThanOrEqual(40);
    const h = fitHeight('342-081-00 052', 9, 60);
    expect(h).toBeLessThan(9);
    expect(estimateTextWidthMm('342-081-00 052', h)).toBeLessThanOrEqual(60);
  });

  it('wraps Chinese anywhere but keeps Latin words and numbers whole', () => {
    const { lines, truncated } = wrapText('收货地址 文三路 478 号 华星时代广场 A座 SKU-ABC-12345', 3, 30, 5);
    expect(truncated).toBe(false);
    for (const line of lines) expect(estimateTextWidthMm(line, 3)).toBeLessThanOrEqual(30);
    expect(lines.join('')).toContain('SKU-ABC-12345');
    const short = wrapText('一二三四五六七八九十一二三四五六七八九十', 3, 15, 2);
    expect(short.truncated).toBe(true);
    expect(short.lines).toHaveLength(2);
    expect(short.lines[1]?.endsWith('…')).toBe(true);
  });
});
