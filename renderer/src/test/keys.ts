import { charForCode } from '../lib/us-keymap';
import type { WedgeKey } from '../lib/wedge-scanner';

/** Test helper: the physical key (US layout) that types a character. */
const codes = [
  ...Array.from({ length: 26 }, (_, i) => `Key${String.fromCharCode(65 + i)}`),
  ...Array.from({ length: 10 }, (_, i) => `Digit${i}`),
  'Minus', 'Equal', 'BracketLeft', 'BracketRight', 'Backslash', 'Semicolon', 'Quote', 'Backquote', 'Comma', 'Period', 'Slash', 'Space',
];
const byChar = new Map<string, { code: string; shiftKey: boolean }>();
for (const code of codes) {
  for (const shiftKey of [false, true]) {
    const ch = charForCode(code, shiftKey);
    if (ch !== null && !byChar.has(ch)) byChar.set(ch, { code, shiftKey });
  }
}

export function keyFor(ch: string): { code: string; shiftKey: boolean } {
  const k = byChar.get(ch);
  if (!k) throw new Error(`no US key types ${JSON.stringify(ch)}`);
  return k;
}

/**
 * Keystrokes for `text` starting at `start` ms with `gap` ms between keys. With `ime`, every key
 * reports key 'Process' (keyCode 229), as Chromium does while a Chinese IME is active.
 */
export function typeKeys(text: string, start: number, gap: number, options: { ime?: boolean } = {}): WedgeKey[] {
  return [...text].map((ch, i) => {
    const { code, shiftKey } = keyFor(ch);
    return { code, shiftKey, key: options.ime ? 'Process' : ch, timeStamp: start + i * gap };
  });
}

export function special(code: 'Enter' | 'Tab' | 'Backspace' | 'ShiftLeft' | 'Escape', timeStamp: number, ime = false): WedgeKey {
  return { code, key: ime ? 'Process' : code === 'ShiftLeft' ? 'Shift' : code, shiftKey: code === 'ShiftLeft', timeStamp };
}
