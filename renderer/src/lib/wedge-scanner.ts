import { charForKeyEvent, isModifierCode } from './us-keymap';

/**
 * Keyboard-wedge scanner detection as a pure state machine (no DOM, no timers).
 *
 * A scanner "types" a whole barcode in a burst: every inter-key gap ≤ maxGapMs, then the terminator
 * (Enter/Tab) or, with terminator 'none', an idle gap. A human rarely types minLength keys that fast.
 *
 * Without a prefix the first key of a burst cannot be told apart from a human keypress, so it is let
 * through ("leaked"); every following key of the burst is held (the caller calls preventDefault).
 * When the burst turns out to be a scan, the caller removes the leaked keys from the focused field;
 * when it does not, the caller gives the held keys back ("replay"), so human typing is never lost.
 * With a prefix configured, the prefix itself starts the burst and nothing leaks; nor does it on a
 * control that a single key changes (holdFirst), where there is no leaked key to take back unseen.
 *
 * A slow Bluetooth link or a busy PC can stall a scanner for longer than maxGapMs inside one code,
 * anywhere in it, even after its first key, and more than once. A burst cut off by the idle gap (a
 * terminator still expected) is given back as usual, but kept as a fragment: when the next key comes
 * within STALL_MS, the burst goes on from it, every fragment key counted as leaked so the caller
 * removes it again at the scan. The pieces make a scan only when they look like a scanner's: one
 * piece scan-long by itself and most gaps machine-fast, so a person typing on is never one.
 */
export type WedgeKey = {
  /** Physical key, e.g. KeyA, Digit1, Minus, Enter. */
  code: string;
  /** Logical key: only a case hint (see charForKeyEvent); it is "Process" while an IME is active. */
  key: string;
  shiftKey: boolean;
  /** Milliseconds on any monotonic clock shared by all keys (KeyboardEvent.timeStamp). */
  timeStamp: number;
  capsLock?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  repeat?: boolean;
  /** The focused control acts on one key (a select's type-ahead): a burst's first key is held too, and given back when it is no scan. */
  holdFirst?: boolean;
};

export type WedgeConfig = {
  prefix: string;
  terminator: 'Enter' | 'Tab' | 'none';
  minLength: number;
  maxGapMs: number;
};

export type WedgeEffect =
  /** A scan was detected. `leaked` keys of it reached the focused field and should be removed. */
  | { type: 'scan'; code: string; leaked: number }
  /** A candidate burst was not a scan: these held characters belong to the focused field. */
  | { type: 'replay'; text: string };

export type WedgeStep = { preventDefault: boolean; effects: WedgeEffect[] };

export type WedgeDetector = {
  /** Feeds one keydown. */
  feed(key: WedgeKey): WedgeStep;
  /** Ends the current burst because the idle gap passed (the caller's timer). */
  flush(): WedgeEffect[];
  /** True while a burst is being collected. */
  isActive(): boolean;
  /** Changes every time a new burst starts, not when one resumes after a stall (lets the caller tie per-burst data to it). */
  burstId(): number;
  configure(config: WedgeConfig): void;
};

/**
 * Longest stall joined into one scan. Bluetooth HID stalls (radio retries, a link waking from
 * sniff mode) and renderer hiccups run to ~100–200 ms; a person who typed a fast pair cannot pick
 * up a scanner and fire it within 300 ms, so a scan this soon after a fragment is its rest.
 */
export const STALL_MS = 300;

/** Longest code kept across a stall (a bench.scan code is at most 128): a person typing on is no scan. */
const MAX_CODE = 128;

export const defaultWedgeConfig: WedgeConfig = { prefix: '', terminator: 'Enter', minLength: 4, maxGapMs: 50 };

export function createWedgeDetector(initial: WedgeConfig = defaultWedgeConfig): WedgeDetector {
  let config = initial;
  let active = false;
  let chars: string[] = [];
  let held: string[] = [];
  let leaked = 0;
  let lastT = 0;
  let burst = 0;
  /** Lengths of the burst's pieces: a new one starts after each stall the burst was joined across. */
  let pieces: number[] = [];
  /** A burst ended by the idle gap, its chars all in the focused field by now. */
  let fragment: { chars: string[]; pieces: number[]; t: number } | null = null;

  const reset = () => {
    active = false;
    chars = [];
    held = [];
    leaked = 0;
    pieces = [];
    fragment = null;
  };

  const abort = (): WedgeEffect[] => {
    const text = held.join('');
    reset();
    return text ? [{ type: 'replay', text }] : [];
  };

  /** The scanned code (without prefix) when the burst qualifies as a scan, else null. */
  const scannedCode = (): string | null => {
    const { prefix, minLength } = config;
    if (chars.length < prefix.length) return null;
    const code = chars.slice(prefix.length).join('');
    const min = Math.max(1, minLength);
    // Joined across stalls, one piece must be scan-long by itself (two quick human pairs are no
    // scan) and most gaps machine-fast: a person typing on in a chain of pieces is no scan.
    const longest = Math.max(...pieces.map((n, i) => (i === 0 ? n - prefix.length : n)));
    const stalls = pieces.length - 1;
    const fast = chars.length - pieces.length;
    return code.length >= min && longest >= min && fast >= stalls ? code : null;
  };

  const emitOrAbort = (): { scanned: boolean; effects: WedgeEffect[] } => {
    const code = scannedCode();
    if (code === null) return { scanned: false, effects: abort() };
    const effect: WedgeEffect = { type: 'scan', code, leaked };
    reset();
    return { scanned: true, effects: [effect] };
  };

  /** The idle gap ends a burst: a scan only when no terminator is expected, else a fragment. */
  const endByIdle = (): WedgeEffect[] => {
    if (config.terminator === 'none') return emitOrAbort().effects;
    // Any length, a single key too: a scanner can stall right after its first key.
    const cut = chars.length <= MAX_CODE ? { chars, pieces, t: lastT } : null;
    const effects = abort();
    fragment = cut;
    return effects;
  };

  /** Continues a fragment: its chars reached the field (leaked or replayed), and so does `ch`. */
  const resume = (from: { chars: string[]; pieces: number[] }, ch: string | null, t: number) => {
    active = true;
    chars = ch === null ? [...from.chars] : [...from.chars, ch];
    pieces = ch === null ? [...from.pieces] : [...from.pieces, 1];
    held = [];
    leaked = chars.length;
    fragment = null;
    lastT = t;
  };

  const startBurst = (ch: string, t: number, hold: boolean): boolean => {
    const { prefix } = config;
    burst += 1;
    fragment = null;
    active = true;
    chars = [ch];
    pieces = [1];
    lastT = t;
    if (prefix && ch !== prefix.charAt(0)) {
      reset();
      return false;
    }
    if (prefix || hold) {
      held = [ch];
      leaked = 0;
      return true;
    }
    held = [];
    leaked = 1;
    return false;
  };

  const isTerminator = (code: string): boolean =>
    code === 'Enter' || code === 'NumpadEnter' ? config.terminator !== 'Tab' : code === 'Tab' && config.terminator !== 'Enter';

  const feed = (k: WedgeKey): WedgeStep => {
    if (isModifierCode(k.code) || k.code === '') return { preventDefault: false, effects: [] };
    const effects: WedgeEffect[] = [];
    if (active && k.timeStamp - lastT > config.maxGapMs) effects.push(...endByIdle());
    if (fragment && k.timeStamp - fragment.t > STALL_MS) fragment = null;

    // abort() also drops a fragment: a shortcut or an editing key is a person at the keyboard.
    if (k.ctrlKey || k.altKey || k.metaKey || k.repeat) {
      effects.push(...abort());
      return { preventDefault: false, effects };
    }

    if (isTerminator(k.code)) {
      // The stall came just before the terminator: the fragment is the whole code.
      if (!active && fragment) resume(fragment, null, k.timeStamp);
      if (!active) return { preventDefault: false, effects };
      const { scanned, effects: ended } = emitOrAbort();
      effects.push(...ended);
      return { preventDefault: scanned, effects };
    }

    const ch = charForKeyEvent(k.code, k.key, k.shiftKey, k.capsLock ?? false);
    if (ch === null) {
      effects.push(...abort());
      return { preventDefault: false, effects };
    }

    const { prefix } = config;
    if (!active && fragment && (fragment.chars.length >= prefix.length || ch === prefix.charAt(fragment.chars.length))) {
      // Leaked like the first key of any burst: a person typing on after a fast pair is not delayed.
      resume(fragment, ch, k.timeStamp);
      return { preventDefault: false, effects };
    }
    if (!active) return { preventDefault: startBurst(ch, k.timeStamp, k.holdFirst ?? false), effects };

    if (chars.length < prefix.length && ch !== prefix.charAt(chars.length)) {
      effects.push(...abort());
      return { preventDefault: startBurst(ch, k.timeStamp, k.holdFirst ?? false), effects };
    }
    chars.push(ch);
    held.push(ch);
    pieces[pieces.length - 1] = (pieces.at(-1) ?? 0) + 1;
    lastT = k.timeStamp;
    return { preventDefault: true, effects };
  };

  return {
    feed,
    flush: () => (active ? endByIdle() : []),
    isActive: () => active,
    burstId: () => burst,
    configure(next) {
      // The same settings read again (a reload, a reconnect) must not drop the burst under way.
      if (sameConfig(next, config)) return;
      reset();
      config = next;
    },
  };
}

export function sameConfig(a: WedgeConfig, b: WedgeConfig): boolean {
  return a.prefix === b.prefix && a.terminator === b.terminator && a.minLength === b.minLength && a.maxGapMs === b.maxGapMs;
}
