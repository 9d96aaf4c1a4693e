import { describe, expect, it } from 'vitest';
import { sampleWaybill } from '../../../test/helpers/label-fixtures';
import { withoutTofu } from './label-fonts';
import type { Layout, TextElement } from './label-layout';
import { renderBitmap, renderTextBitmap } from './raster';
import { encodeTspl } from './tspl.encoder';
import { buildWaybillLayout } from './waybill-layout';
import { encodeZpl } from './zpl.encoder';

/**
 * The bench defect: a receiver called 张𠮷 (or with an emoji in the name) printed as ☒ on the
 * waybill. Each character is drawn exactly as the label draws it, and compared with the box the
 * font draws for a code point no font has: equal ink means tofu on paper.
 */
const NAME = '张𠮷𪚥😀';
const NOTDEF = '\u{10FFFD}';

const glyphLayout = (ch: string): Layout => ({
  widthMm: 12, heightMm: 12, elements: [{ kind: 'text', x: 1, y: 1, maxWidthMm: 10, heightMm: 8, text: ch, bold: true }],
});
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);
const inked = (data: Uint8Array) => data.reduce((n, v) => n + (v ? 1 : 0), 0);

describe('label fonts: no tofu on a label', () => {
  const notdef = renderBitmap(glyphLayout(NOTDEF), 203).data;

  for (const ch of ['𠮷', '𪚥', '😀']) {
    it(`draws ${ch} (U+${ch.codePointAt(0)?.toString(16).toUpperCase()}) as a glyph, not the .notdef box`, () => {
      const drawn = renderBitmap(glyphLayout(ch), 203).data;
      expect(inked(drawn)).toBeGreaterThan(20);
      expect(same(drawn, notdef)).toBe(false);
    });
  }

  it('the receiver line of a waybill for 张𠮷𪚥😀 keeps the name whole, drawn glyph by glyph', () => {
    const layout = buildWaybillLayout(sampleWaybill({ recipient: { ...sampleWaybill().recipient, name: NAME } }), '100x150');
    const line = layout.elements.find((el): el is TextElement => el.kind === 'text' && el.text.includes(NAME));
    expect(line, 'the receiver line').toBeDefined();
    if (!line) return;
    // Each of its characters at the line's own size and weight, by the bitmap path printers use.
    const box = renderTextBitmap({ ...line, text: NOTDEF }, 203).bitmap.data;
    for (const ch of NAME) {
      const glyph = renderTextBitmap({ ...line, text: ch }, 203).bitmap.data;
      expect(same(glyph, box), `${ch} is tofu`).toBe(false);
    }
  });

  it('a character no bundled font has becomes a visible [U+…] the packer can read, never a box', () => {
    expect(withoutTofu('王\uE000五')).toBe('王[U+E000]五');
    expect(withoutTofu(NAME)).toBe(NAME);
    expect(withoutTofu('👨‍👩‍👧 🇨🇳')).toBe('👨‍👩‍👧 🇨🇳');
  });

  it('TSPL and ZPL send a line the printer font cannot show as a bitmap from the bundled fonts', () => {
    const layout = buildWaybillLayout(sampleWaybill({ recipient: { ...sampleWaybill().recipient, name: '张𠮷' } }), '100x150');
    const tspl = encodeTspl(layout, { dpi: 203, cjkMode: 'printer-font' }).toString('latin1');
    expect(tspl).toMatch(/BITMAP \d+,\d+,/);
    // The printer's SimSun has no Extension B: in printer-font mode the line still goes as ^GFA.
    const zpl = encodeZpl(layout, { dpi: 203, cjkMode: 'printer-font' }).toString('utf8');
    expect(zpl).toMatch(/\^GFA,/);
    expect(zpl).not.toContain('𠮷');
  });
});
