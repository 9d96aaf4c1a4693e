/**
 * Physical key (`KeyboardEvent.code`) → character on a US layout. Scanners emulate a US keyboard, and
 * `code` survives an active Chinese IME (`key` becomes "Process") and a non-US OS layout, so the
 * wedge detector reads codes through this table and never trusts `event.key`.
 */
const shifted: Record<string, [plain: string, shift: string]> = {
  Digit1: ['1', '!'],
  Digit2: ['2', '@'],
  Digit3: ['3', '#'],
  Digit4: ['4', '$'],
  Digit5: ['5', '%'],
  Digit6: ['6', '^'],
  Digit7: ['7', '&'],
  Digit8: ['8', '*'],
  Digit9: ['9', '('],
  Digit0: ['0', ')'],
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  IntlBackslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Backquote: ['`', '~'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Space: [' ', ' '],
};

/** Keypad keys give the same character with or without shift (NumLock is assumed on). */
const keypad: Record<string, string> = {
  Numpad0: '0',
  Numpad1: '1',
  Numpad2: '2',
  Numpad3: '3',
  Numpad4: '4',
  Numpad5: '5',
  Numpad6: '6',
  Numpad7: '7',
  Numpad8: '8',
  Numpad9: '9',
  NumpadDecimal: '.',
  NumpadAdd: '+',
  NumpadSubtract: '-',
  NumpadMultiply: '*',
  NumpadDivide: '/',
};

/** The character a key produces on a US layout, or null for keys that type nothing (Enter, arrows, F-keys…). */
export function charForCode(code: string, shift: boolean, capsLock = false): string | null {
  if (code.length === 4 && code.startsWith('Key')) {
    const letter = code.charAt(3);
    if (letter < 'A' || letter > 'Z') return null;
    return shift !== capsLock ? letter : letter.toLowerCase();
  }
  const pair = shifted[code];
  if (pair) return shift ? pair[1] : pair[0];
  return keypad[code] ?? null;
}

/** Keys that only modify others; they neither extend nor break a burst. */
export function isModifierCode(code: string): boolean {
  return /^(Shift|Control|Alt|Meta|OS)(Left|Right)?$/.test(code) || code === 'CapsLock' || code === 'NumLock' || code === 'Fn';
}

/**
 * The character of a keydown. Which key it was always comes from `code`. `key` is used only as a
 * hint to choose between the two characters that physical key can type (its plain and shifted
 * forms) when it is exactly one of them: that reflects Caps Lock and synthetic keyboards that
 * send capitals without Shift. An IME's "Process", a non-US layout's character or anything else
 * is ignored and the US table with Shift (xor Caps Lock) decides.
 */
export function charForKeyEvent(code: string, key: string, shift: boolean, capsLock = false): string | null {
  const plain = charForCode(code, false);
  if (plain === null) return null;
  const upper = charForCode(code, true);
  if (key.length === 1 && (key === plain || key === upper)) return key;
  return charForCode(code, shift, capsLock);
}
