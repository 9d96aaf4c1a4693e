import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stHeaderFrame, toledoFrame, yaohuaFrame, yaohuaReversedFrame } from '../../../test/fakes/scale-frames.fake';
import { parseOhaus, parseStHeader, parseToledo, parseYaohua, parseYaohuaReversed } from './scale-frames';
import { createScaleStream, type ScaleFraming } from './scale-stream';
import type { ScaleReading } from './scale-frames';

const grams = (r: ScaleReading | null) => r && { grams: r.grams, stable: r.stable, overload: r.overload };

describe('scale frames', () => {
  it('reads the ST,GS family and its variants: header, mode, sign, padding, unit', () => {
    expect(grams(parseStHeader('ST,GS,+001.234kg'))).toEqual({ grams: 1234, stable: true, overload: false });
    expect(grams(parseStHeader('US,GS,+001.230kg'))).toEqual({ grams: 1230, stable: false, overload: false });
    expect(grams(parseStHeader('ST,NT,-0000.50 kg'))).toEqual({ grams: -500, stable: true, overload: false });
    expect(grams(parseStHeader('ST GS +  1234.5 g'))).toEqual({ grams: 1234.5, stable: true, overload: false });
    expect(grams(parseStHeader('ST,GS,+0002.00lb'))).toEqual({ grams: 907.2, stable: true, overload: false });
    expect(parseStHeader('OL,GS,+999.999kg')?.overload).toBe(true);
    expect(parseStHeader('QT,+00000012 PC')).toBeNull();
    expect(parseStHeader('ST,GS,+001.234')).toBeNull();
    expect(parseStHeader('ST,GS,+001.234kg')?.stepG).toBeCloseTo(1);
  });

  it('reads an overload frame as an overload whatever fills its value, never dropping it (the last weight stayed on show)', () => {
    for (const frame of ['OL,GS,+999.999kg', 'OL,GS,+9999999 g', 'OL,GS,+OL     kg', 'OL,GS,+------kg', 'OL,+9999999E+19', 'OL GS']) {
      expect(grams(parseStHeader(frame)), frame).toEqual({ grams: 0, stable: false, overload: true });
    }
    expect(grams(parseToledo(toledoFrame(0, { overload: true }), true))).toEqual({ grams: 0, stable: false, overload: true });
    const got: boolean[] = [];
    const stream = createScaleStream({ family: 'st-header', checksum: false, unit: 'kg' }, (r) => got.push(r.overload));
    stream.push(Buffer.from('ST,GS,+000.766kg\r\nOL,GS,+9999999 g\r\n'));
    expect(got).toEqual([false, true]);
    expect(stream.dropped()).toBe(0);
  });

  it('reads OHAUS frames with a trailing ? for unstable', () => {
    expect(grams(parseOhaus('      12.73 g     '))).toEqual({ grams: 12.7, stable: true, overload: false });
    expect(grams(parseOhaus('********12.73*g****?'))).toEqual({ grams: 12.7, stable: false, overload: false });
    expect(grams(parseOhaus('   1.250 kg  N'))).toEqual({ grams: 1250, stable: true, overload: false });
    expect(parseOhaus('hello g')).toBeNull();
  });

  it('reads Mettler-Toledo continuous: decimal point, motion, sign, unit, and refuses a bad checksum', () => {
    expect(grams(parseToledo(toledoFrame(1.234), true))).toEqual({ grams: 1234, stable: true, overload: false });
    expect(grams(parseToledo(toledoFrame(1.234, { motion: true }), true))?.stable).toBe(false);
    expect(grams(parseToledo(toledoFrame(0.5, { negative: true, decimals: 2 }), true))?.grams).toBe(-500);
    expect(grams(parseToledo(toledoFrame(2, { lb: true, decimals: 0 }), true))?.grams).toBe(907.2);
    expect(grams(parseToledo(toledoFrame(1.234, { checksum: false }), false))?.grams).toBe(1234);
    const bad = toledoFrame(1.234);
    bad[17] = (bad[17]! + 1) & 0x7f;
    expect(parseToledo(bad, true)).toBeNull();
  });

  it('reads Yaohua tF≠0 reversed frames (=000.3000 is 3 kg) and refuses torn ones', () => {
    const at = (text: string) => parseYaohuaReversed(Buffer.from(text, 'latin1'), 'kg');
    expect(grams(at('=000.3000'))).toEqual({ grams: 3000, stable: null, overload: false });
    expect(grams(at('=5.21000-'))).toEqual({ grams: -12500, stable: null, overload: false });
    expect(yaohuaReversedFrame(3)).toEqual(Buffer.from('=000.3000'));
    expect(yaohuaReversedFrame(-12.5, 3)).toEqual(Buffer.from('=005.210-'));
    expect(at('=005.21-0')).toBeNull();
    for (const torn of ['=000.30', '=00-.3000', '=0.0.3000', '=ABC.3000', '2000.3000', '=--------']) expect(at(torn)).toBeNull();
  });

  it('reads the public Yaohua example (+20.00) and refuses a bad XOR', () => {
    const example = Buffer.from([0x02, 0x2b, 0x30, 0x30, 0x32, 0x30, 0x30, 0x30, 0x32, 0x31, 0x42, 0x03]);
    expect(yaohuaFrame(20)).toEqual(example);
    expect(grams(parseYaohua(example, 'kg'))).toEqual({ grams: 20000, stable: null, overload: false });
    const bad = Buffer.from(example);
    bad[4] = 0x33;
    expect(parseYaohua(bad, 'kg')).toBeNull();
  });
});

const families: { framing: ScaleFraming; frame: (g: number) => Buffer; noise: (b: number) => boolean }[] = [
  { framing: { family: 'st-header', checksum: false, unit: 'kg' }, frame: (g) => stHeaderFrame(g), noise: (b) => b !== 0x0d && b !== 0x0a },
  { framing: { family: 'ohaus', checksum: false, unit: 'kg' }, frame: (g) => Buffer.from(`   ${g.toFixed(1)} g  \r\n`), noise: (b) => b !== 0x0d && b !== 0x0a },
  { framing: { family: 'toledo', checksum: true, unit: 'kg' }, frame: (g) => toledoFrame(g / 1000), noise: (b) => b !== 0x02 },
  { framing: { family: 'yaohua', checksum: false, unit: 'kg' }, frame: (g) => yaohuaFrame(g / 1000, 3), noise: (b) => b !== 0x02 },
  { framing: { family: 'yaohua-reversed', checksum: false, unit: 'kg' }, frame: (g) => yaohuaReversedFrame(g / 1000, 3), noise: (b) => b !== 0x3d },
];

/** Cuts bytes into chunks at the given points, as a UART hands them over. */
const chunked = (bytes: Buffer, cuts: number[]) => {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  return out;
};

describe('scale streams', () => {
  for (const { framing, frame, noise } of families) {
    it(`${framing.family}: every weight comes through, whatever the chunking and the noise between frames`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.record({ g: fc.integer({ min: 0, max: 99_999 }), junk: fc.uint8Array({ maxLength: 40 }) }), { minLength: 1, maxLength: 8 }),
          fc.array(fc.nat(2000), { maxLength: 30 }),
          (parcels, cuts) => {
            // Noise sits between frames and ends where the next frame's start would resync it.
            const sep = framing.family === 'st-header' || framing.family === 'ohaus' ? Buffer.from('\r\n') : Buffer.alloc(0);
            const bytes = Buffer.concat(parcels.flatMap((p) => [Buffer.from([...p.junk].filter(noise)), sep, frame(p.g)]));
            const got: number[] = [];
            const stream = createScaleStream(framing, (r) => got.push(Math.round(r.grams)));
            for (const c of chunked(bytes, cuts)) stream.push(Buffer.from(c));
            // Noise may by chance read as a frame of its own; the parcels' weights are all there, in order.
            const want = parcels.map((p) => p.g);
            let i = 0;
            for (const g of got) if (g === want[i]) i += 1;
            expect(i).toBe(want.length);
          },
        ),
        { numRuns: 150 },
      );
    });

    it(`${framing.family}: arbitrary bytes never throw and never give an absurd weight`, () => {
      fc.assert(
        fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), (chunks) => {
          const stream = createScaleStream(framing, (r) => {
            expect(Number.isFinite(r.grams)).toBe(true);
            expect(Math.abs(r.grams)).toBeLessThanOrEqual(1_000_000);
          });
          for (const c of chunks) stream.push(Buffer.from(c));
        }),
        { numRuns: 200 },
      );
    });
  }
});
