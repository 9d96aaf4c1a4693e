import { describe, expect, it } from 'vitest';
import { special, typeKeys } from '../test/keys';
import { createWedgeDetector, defaultWedgeConfig, type WedgeKey } from './wedge-scanner';

/**
 * A scanner (or Playwright's keyboard.type with a 5 ms delay) on a PC under heavy load: the page is
 * blocked 20–200 ms at random points of a burst. The next key is dispatched only when the page is
 * free again, so its timestamp shows the block as a gap; it may come right after the first key.
 */
function underLoad(code: string, start: number, random: () => number): WedgeKey[] {
  const keys: WedgeKey[] = [];
  let t = start;
  for (const ch of [...code, '\n']) {
    if (random() < 0.15) t += 20 + Math.floor(random() * 180);
    keys.push(ch === '\n' ? special('Enter', t) : { ...typeKeys(ch, t, 0)[0]! });
    t += 3 + Math.floor(random() * 8);
  }
  return keys;
}

/** Deterministic PRNG (mulberry32): the same runs every time. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function scansOf(keys: WedgeKey[]): string[] {
  const d = createWedgeDetector(defaultWedgeConfig);
  const out: string[] = [];
  for (const k of keys) for (const e of d.feed(k).effects) if (e.type === 'scan') out.push(e.code);
  for (const e of d.flush()) if (e.type === 'scan') out.push(e.code);
  return out;
}

describe('scans on a busy PC (the page blocked 20–200 ms at random points of a burst)', () => {
  const codes = ['2000000460471681041', '2000000000138', '2000000000237', 'SF1234567890123', '6901234567892'];

  it('reads every code whole, over 500 scans in a row', () => {
    const random = seeded(20240607);
    const wrong: string[] = [];
    let t = 1000;
    const keys: WedgeKey[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 500; i += 1) {
      const code = codes[i % codes.length]!;
      keys.push(...underLoad(code, t, random));
      expected.push(code);
      // The packer picks up the next item: a second or more between scans.
      t = keys.at(-1)!.timeStamp + 1000 + Math.floor(random() * 2000);
    }
    const scans = scansOf(keys);
    scans.forEach((s, i) => s !== expected[i] && wrong.push(`${expected[i]} → ${s}`));
    expect(wrong).toEqual([]);
    expect(scans).toHaveLength(expected.length);
  });

  it('keeps the first key when the page blocks right after it (the lost leading "2")', () => {
    const keys = [...typeKeys('2', 0, 0), ...typeKeys('000000000138', 150, 5), special('Enter', 210)];
    expect(scansOf(keys)).toEqual(['2000000000138']);
  });

  it('keeps the first key of an order number blocked twice', () => {
    const keys = [...typeKeys('2', 0, 0), ...typeKeys('00000046047', 180, 5), ...typeKeys('1681041', 420, 5), special('Enter', 460)];
    expect(scansOf(keys)).toEqual(['2000000460471681041']);
  });
});
