/**
 * Characters no import lets in. They are invisible or change how text is shown, and where they go
 * next they do harm: PostgreSQL refuses NUL (a hub would answer 500 to every retry of an op that
 * carries one), a label printer takes control bytes as commands, and a line separator splits a
 * label line. Legitimate Taobao, 千牛 and ERP exports never contain them.
 *
 * Free text refuses the C0 controls except tab, LF and CR (CSV carries those inside quoted cells:
 * a buyer message may span lines), DEL, the C1 controls, U+2028/U+2029, and the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). The bidi controls are refused
 * because they reorder how text is displayed without changing what is stored ("Trojan Source"):
 * an address or name could show one thing on screen and on the label and hold another. Chinese
 * and ASCII never need them, and right-to-left names display correctly without them. The bidi
 * marks (U+200E, U+200F, U+061C) cannot reorder a run of text, so free text keeps them.
 *
 * Codes (SKU codes, order and sub-order ids, tracking numbers) refuse every control and format
 * character, tab, line breaks and zero-width ones included: two codes that look alike must be the
 * same code.
 */

const FORBIDDEN_IN_TEXT =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_IN_CODE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
/**
 * The free-text set without the surrogate checks, for whole decoded files: a strict decoder never
 * yields a lone surrogate, and a plain character class scans a 50 MB export in tens of milliseconds.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_IN_DECODED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

/** 'U+0000': how a refused character is named in messages, the same in every language. */
export const codePointName = (char: string): string => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character free text may not hold, named, or null. */
export function forbiddenInText(text: string): string | null {
  const m = FORBIDDEN_IN_TEXT.exec(text);
  return m ? codePointName(m[0]) : null;
}

/** The first character a code may not hold, named, or null. */
export function forbiddenInCode(text: string): string | null {
  const m = FORBIDDEN_IN_CODE.exec(text);
  return m ? codePointName(m[0]) : null;
}

/**
 * The first refused character of a cell, named, or null. A code is judged without its outer
 * whitespace, which every reader trims (Taobao pads ids with a tab to keep Excel off them).
 * `text: false` skips the free-text check, for files already known to hold none.
 */
export function forbiddenInCell(cell: string, code: boolean, text = true): string | null {
  return (text ? forbiddenInText(cell) : null) ?? (code ? forbiddenInCode(cell.trim()) : null);
}

/** True when a strictly decoded file holds a refused character anywhere (its cells need checking). */
export const decodedTextHasForbidden = (text: string): boolean => FORBIDDEN_IN_DECODED.test(text);

const SHOWN_CHARS = 60;

/**
 * A cell value quoted in a message: trimmed, cut to a length a report line can hold, and with any
 * refused character (and the tabs and line breaks that would break the line) shown as U+FFFD.
 */
export function shown(value: string): string {
  const s = value.trim();
  const cut = s.length > SHOWN_CHARS ? `${s.slice(0, SHOWN_CHARS)}…` : s;
  return cut.replace(new RegExp(`${FORBIDDEN_IN_TEXT.source}|[\\t\\r\\n]`, 'g'), '\uFFFD');
}
