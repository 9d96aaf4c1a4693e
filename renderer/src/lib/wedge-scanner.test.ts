import { describe, expect, it } from 'vitest';
import { special, typeKeys } from '../test/keys';
import { createWedgeDetector, type WedgeConfig, type WedgeEffect, type WedgeKey } from './wedge-scanner';
import { charForCode, charForKeyEvent } from './us-keymap';

const config: WedgeConfig = { prefix: '', terminator: 'Enter', minLength: 4, maxGapMs: 50 };

/** Feeds keys; returns the scans, the replayed text and which keys were held back. */
function run(keys: WedgeKey[], cfg: WedgeConfig = config, flushAtEnd = true) {
  const d = createWedgeDetector(cfg);
  const effects: WedgeEffect[] = [];
  const prevented: boolean[] = [];
  for (const k of keys) {
    const step = d.feed(k);
    prevented.push(step.preventDefault);
    effects.push(...step.effects);
  }
  if (flushAtEnd) effects.push(...d.flush());
  const scans = effects.filter((e) => e.type === 'scan').map((e) => (e.type === 'scan' ? e.code : ''));
  const replayed = effects.map((e) => (e.type === 'replay' ? e.text : '')).join('');
  return { scans, replayed, prevented, effects };
}

describe('US keymap', () => {
  it('maps physical keys with shift and caps lock, never the logical key', () => {
    expect(charForCode('KeyA', false)).toBe('a');
    expect(charForCode('KeyA', true)).toBe('A');
    expect(charForCode('KeyA', false, true)).toBe('A');
    expect(charForCode('Digit2', true)).toBe('@');
    expect(charForCode('Minus', false)).toBe('-');
    expect(charForCode('Slash', false)).toBe('/');
    expect(charForCode('Period', false)).toBe('.');
    expect(charForCode('NumpadSubtract', false)).toBe('-');
    expect(charForCode('Enter', false)).toBeNull();
    expect(charForCode('F12', false)).toBeNull();
  });

  it('takes only the case from key, and only when key is one of the two characters of that physical key', () => {
    // Playwright-style synthetic capitals: key 'N' without Shift.
    expect(charForKeyEvent('KeyN', 'N', false)).toBe('N');
    // IME: key is 'Process', so Shift decides.
    expect(charForKeyEvent('KeyN', 'Process', true)).toBe('N');
    expect(charForKeyEvent('KeyN', 'Process', false)).toBe('n');
    // A UK layout types '"' on Shift+2; the scanner meant '@' (US).
    expect(charForKeyEvent('Digit2', '"', true)).toBe('@');
    // AZERTY: the KeyQ position types 'a'; the physical key wins.
    expect(charForKeyEvent('KeyQ', 'a', false)).toBe('q');
    // An IME may report a full-width character: ignored.
    expect(charForKeyEvent('Minus', '－', false)).toBe('-');
  });
});

describe('wedge scanner detector', () => {
  it('detects a fast burst ended by Enter and swallows all but the first key', () => {
    const keys = [...typeKeys('SF1234567890', 1000, 8), special('Enter', 1000 + 12 * 8)];
    const r = run(keys);
    expect(r.scans).toEqual(['SF1234567890']);
    expect(r.effects[0]).toEqual({ type: 'scan', code: 'SF1234567890', leaked: 1 });
    // The first key cannot be known to be a scanner; the rest and the Enter are held back.
    expect(r.prevented[0]).toBe(false);
    expect(r.prevented.slice(1).every(Boolean)).toBe(true);
    expect(r.replayed).toBe('');
  });

  it('does not take slow human typing for a scan, and holds nothing back', () => {
    const keys = [...typeKeys('hello123', 0, 140), special('Enter', 8 * 140)];
    const r = run(keys);
    expect(r.scans).toEqual([]);
    expect(r.prevented.every((p) => !p)).toBe(true);
    expect(r.replayed).toBe('');
  });

  it('gives back the keys of a short fast pair typed by a human', () => {
    // "th" rolled quickly, then a pause, then "e": the held 'h' is replayed before 'e' types.
    const keys = [...typeKeys('th', 0, 20), ...typeKeys('e', 200, 0)];
    const r = run(keys);
    expect(r.scans).toEqual([]);
    expect(r.prevented).toEqual([false, true, false]);
    expect(r.replayed).toBe('h');
  });

  it('lets a too-short burst through with its Enter', () => {
    const keys = [...typeKeys('ab', 0, 10), special('Enter', 20)];
    const r = run(keys);
    expect(r.scans).toEqual([]);
    expect(r.prevented[2]).toBe(false);
    expect(r.replayed).toBe('b');
  });

  it('reads the right letters while a Chinese IME reports every key as "Process"', () => {
    const keys = [...typeKeys('YT7788-A/01.b', 0, 6, { ime: true }), special('Enter', 13 * 6, true)];
    expect(keys.every((k) => k.key === 'Process')).toBe(true);
    expect(run(keys).scans).toEqual(['YT7788-A/01.b']);
  });

  it('reads capitals sent without Shift (synthetic keyboards) from the case hint', () => {
    const keys = typeKeys('sf1234', 0, 5).map((k) => ({ ...k, key: k.key.toUpperCase(), shiftKey: false }));
    expect(run([...keys, special('Enter', 40)]).scans).toEqual(['SF1234']);
  });

  it("keeps '-' and '/' (onscan.js used to drop or garble them)", () => {
    const keys = [...typeKeys('QC-157/2', 0, 5), special('Enter', 40)];
    expect(run(keys).scans).toEqual(['QC-157/2']);
  });

  it('ignores shift key-downs inside a burst', () => {
    const keys: WedgeKey[] = [
      { code: 'ShiftLeft', key: 'Shift', shiftKey: true, timeStamp: 0 },
      { code: 'KeyS', key: 'S', shiftKey: true, timeStamp: 3 },
      { code: 'ShiftLeft', key: 'Shift', shiftKey: true, timeStamp: 6 },
      { code: 'KeyF', key: 'F', shiftKey: true, timeStamp: 9 },
      ...typeKeys('0012', 12, 4),
      special('Enter', 30),
    ];
    expect(run(keys).scans).toEqual(['SF0012']);
  });

  it('uses Tab as the terminator when configured, and then Enter does not end a scan', () => {
    const cfg: WedgeConfig = { ...config, terminator: 'Tab' };
    expect(run([...typeKeys('ABCD1234', 0, 5), special('Tab', 40)], cfg).scans).toEqual(['ABCD1234']);
    const withEnter = run([...typeKeys('ABCD1234', 0, 5), special('Enter', 40)], cfg);
    expect(withEnter.scans).toEqual([]);
    expect(withEnter.replayed).toBe('BCD1234');
  });

  it('with a prefix, swallows the whole scan (nothing leaks) and strips the prefix', () => {
    const cfg: WedgeConfig = { ...config, prefix: '~' };
    const r = run([...typeKeys('~PD:NEXT', 0, 5), special('Enter', 40)], cfg);
    expect(r.scans).toEqual(['PD:NEXT']);
    expect(r.effects[0]).toEqual({ type: 'scan', code: 'PD:NEXT', leaked: 0 });
    expect(r.prevented.every(Boolean)).toBe(true);
  });

  it('on a control one key changes (a select), holds the first key too and gives it back when no scan follows', () => {
    const onSelect = (keys: WedgeKey[]) => keys.map((k) => ({ ...k, holdFirst: true }));
    const scan = run(onSelect([...typeKeys('YT7400000001', 0, 5), special('Enter', 60)]));
    expect(scan.effects).toEqual([{ type: 'scan', code: 'YT7400000001', leaked: 0 }]);
    expect(scan.prevented.every(Boolean)).toBe(true);
    const person = run(onSelect(typeKeys('y', 0, 0)));
    expect(person.prevented).toEqual([true]);
    expect(person.replayed).toBe('y');
  });

  it('with a prefix, a fast burst without it is not a scan', () => {
    const cfg: WedgeConfig = { ...config, prefix: '~' };
    const r = run([...typeKeys('PDNEXT12', 0, 5), special('Enter', 40)], cfg);
    expect(r.scans).toEqual([]);
  });

  it("with terminator 'none', the idle gap ends a scan", () => {
    const cfg: WedgeConfig = { ...config, terminator: 'none' };
    const r = run(typeKeys('6901234567892', 0, 5), cfg, false);
    expect(r.scans).toEqual([]);
    const d = createWedgeDetector(cfg);
    typeKeys('6901234567892', 0, 5).forEach((k) => d.feed(k));
    expect(d.flush()).toEqual([{ type: 'scan', code: '6901234567892', leaked: 1 }]);
    // A next key after the gap also ends the previous burst.
    const two = run([...typeKeys('6901234567892', 0, 5), ...typeKeys('6901234567893', 500, 5)], cfg);
    expect(two.scans).toEqual(['6901234567892', '6901234567893']);
  });

  it('with an Enter terminator, a burst that just stops is given back, not scanned', () => {
    const r = run(typeKeys('ABCDEFG', 0, 5));
    expect(r.scans).toEqual([]);
    expect(r.replayed).toBe('BCDEFG');
  });

  it('respects maxGapMs for slow Bluetooth scanners', () => {
    const keys = [...typeKeys('BT123456', 0, 70), special('Enter', 8 * 70)];
    expect(run(keys).scans).toEqual([]);
    expect(run(keys, { ...config, maxGapMs: 100 }).scans).toEqual(['BT123456']);
  });

  it('aborts on shortcuts and auto-repeat instead of scanning them', () => {
    const ctrl = run([...typeKeys('ab', 0, 5), { code: 'KeyC', key: 'c', shiftKey: false, ctrlKey: true, timeStamp: 10 }, special('Enter', 15)]);
    expect(ctrl.scans).toEqual([]);
    const held: WedgeKey[] = Array.from({ length: 10 }, (_, i) => ({ code: 'KeyA', key: 'a', shiftKey: false, repeat: i > 0, timeStamp: i * 30 }));
    expect(run([...held, special('Enter', 300)], { ...config, terminator: 'none' }).scans).toEqual([]);
  });

  it('detects back-to-back scans', () => {
    const keys = [...typeKeys('ORDER001', 0, 5), special('Enter', 40), ...typeKeys('6901234567892', 300, 5), special('Enter', 370)];
    expect(run(keys).scans).toEqual(['ORDER001', '6901234567892']);
  });
});

describe('a scan split by a stall (slow Bluetooth link, busy PC)', () => {
  const code = '2000000000077';
  /** The scanner types `code` 8 ms a key but stalls `stall` ms after `at` characters, then Enter. */
  const stalled = (at: number, stall: number, text = code, start = 1000): WedgeKey[] => {
    const head = typeKeys(text.slice(0, at), start, 8);
    const restStart = start + (at - 1) * 8 + stall;
    const rest = typeKeys(text.slice(at), restStart, 8);
    return [...head, ...rest, special('Enter', restStart + (text.length - at) * 8)];
  };

  it('joins the fragment to the rest, and counts every fragment key as reached the field', () => {
    const r = run(stalled(3, 120));
    expect(r.scans).toEqual([code]);
    // "00" was held and given back when the idle gap ended the fragment; "2" and the rest's first key leaked.
    expect(r.replayed).toBe('00');
    expect(r.effects.at(-1)).toEqual({ type: 'scan', code, leaked: 4 });
  });

  it('joins a stall anywhere in the code, even just before the Enter, and across two stalls', () => {
    expect(run(stalled(11, 150)).scans).toEqual([code]);
    expect(run(stalled(13, 150)).scans).toEqual([code]);
    const twice = [...typeKeys('2000', 0, 8), ...typeKeys('000000', 150, 8), ...typeKeys('077', 350, 8), special('Enter', 380)];
    expect(run(twice).scans).toEqual([code]);
  });

  it('keeps Shift key-downs in the stall from breaking the join, but not a shortcut', () => {
    const keys = stalled(3, 120);
    const shift = special('ShiftLeft', 1100);
    expect(run([...keys.slice(0, 3), shift, ...keys.slice(3)]).scans).toEqual([code]);
    const ctrl: WedgeKey = { code: 'KeyC', key: 'c', shiftKey: false, ctrlKey: true, timeStamp: 1100 };
    expect(run([...keys.slice(0, 3), ctrl, ...keys.slice(3)]).scans).toEqual([code.slice(3)]);
  });

  it('does not join a stall longer than the stall window: today\'s shortened scan', () => {
    expect(run(stalled(3, 600)).scans).toEqual([code.slice(3)]);
  });

  it('keeps two separate scans apart, however close', () => {
    const keys = [...typeKeys('ORDER001', 0, 5), special('Enter', 40), ...typeKeys('6901234567892', 100, 5), special('Enter', 170)];
    expect(run(keys).scans).toEqual(['ORDER001', '6901234567892']);
  });

  it('does not glue a fast human pair to a scan made much later', () => {
    const keys = [...typeKeys('th', 0, 20), ...typeKeys('6901234567892', 2000, 5), special('Enter', 2070)];
    const r = run(keys);
    expect(r.scans).toEqual(['6901234567892']);
    expect(r.replayed).toBe('h');
  });

  it('leaves a fragment followed by human typing typed, and two quick pairs with Enter are no scan', () => {
    const r = run([...typeKeys('th', 0, 20), ...typeKeys('e', 150, 0), ...typeKeys(' cat', 300, 140)]);
    expect(r.scans).toEqual([]);
    expect(r.replayed).toBe('h');
    // "th", a pause, "is" + Enter: today not a scan (2 keys), and still not one joined.
    const pairs = run([...typeKeys('th', 0, 20), ...typeKeys('is', 150, 20), special('Enter', 190)]);
    expect(pairs.scans).toEqual([]);
    expect(pairs.replayed).toBe('hs');
    expect(pairs.prevented.at(-1)).toBe(false);
  });

  it('joins a stall right after the first key, but a person typing on with one fast run is no scan', () => {
    expect(run([...typeKeys('2', 0, 0), ...typeKeys('000000000138', 150, 5), special('Enter', 220)]).scans).toEqual(['2000000000138']);
    // "hello w" typed at 120 ms a key, "orld" rolled fast, Enter: one chain of pieces, mostly slow.
    const typed = [...typeKeys('hello w', 0, 120), ...typeKeys('orld', 760, 30), special('Enter', 1000)];
    const r = run(typed);
    expect(r.scans).toEqual([]);
    expect(r.prevented.at(-1)).toBe(false);
  });

  it('does not hold or delay the key typed after a fast pair any more than before', () => {
    const r = run([...typeKeys('th', 0, 20), ...typeKeys('e', 150, 0)]);
    expect(r.prevented).toEqual([false, true, false]);
  });

  it('joins a fragment that starts with the prefix, nothing of it counted twice', () => {
    const cfg: WedgeConfig = { ...config, prefix: '~' };
    const keys = [...typeKeys('~PD', 0, 5), ...typeKeys(':NEXT', 140, 5), special('Enter', 170)];
    const r = run(keys, cfg);
    expect(r.scans).toEqual(['PD:NEXT']);
    expect(r.replayed).toBe('~PD');
    expect(r.effects.at(-1)).toEqual({ type: 'scan', code: 'PD:NEXT', leaked: 4 });
  });

  it("with terminator 'none', the idle gap is the end of a code: nothing is joined", () => {
    const cfg: WedgeConfig = { ...config, terminator: 'none' };
    const keys = [...typeKeys('6901234567892', 0, 5), ...typeKeys('6901234567893', 150, 5)];
    expect(run(keys, cfg).scans).toEqual(['6901234567892', '6901234567893']);
    expect(run(stalled(3, 120).slice(0, -1), cfg).scans).toEqual([code.slice(3)]);
  });
});
