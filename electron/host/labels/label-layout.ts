import { AppError } from '#shared/contract/errors';
import { msg, type Message } from '#shared/i18n/message';

/**
 * The label model every backend draws from: a page in millimetres with a flat list of elements.
 * Builders (waybill, pick slip) produce it; encoders (TSPL, ZPL) and the raster (PNG, PDF, bitmap
 * fallback) consume it. It stays data-only so a layout can be snapshotted, diffed and sent as JSON.
 */

export type TextAlign = 'left' | 'center' | 'right';

/** One line of text; `y` is the top of the line and `heightMm` the em size (a CJK glyph's height). */
export type TextElement = {
  kind: 'text';
  x: number;
  y: number;
  heightMm: number;
  maxWidthMm: number;
  text: string;
  bold?: boolean;
  align?: TextAlign;
};

/**
 * A Code128 symbol centred in the box [x, x + widthMm]. The box includes the quiet zones, so a
 * builder proves the quiet zones by giving the box room for `modules + 2 × QUIET_ZONE_MODULES`.
 * With `humanReadable` the printer's own interpretation line is drawn in a band of HRI_BAND_MM
 * below the bars (the element is then heightMm + HRI_BAND_MM tall).
 */
export type Code128Element = {
  kind: 'code128';
  x: number;
  y: number;
  widthMm: number;
  heightMm: number;
  moduleMm: number;
  data: string;
  humanReadable: boolean;
};

export type QrElement = { kind: 'qr'; x: number; y: number; cellMm: number; data: string };

/** An outlined rectangle. */
export type BoxElement = { kind: 'box'; x: number; y: number; w: number; h: number; thickness: number };

/** A filled rectangle: a rule when one side is thin. */
export type LineElement = { kind: 'line'; x: number; y: number; w: number; h: number };

/** White text on a black block, for the big routing code (三段码 / 大头笔) sorters read at arm's length. */
export type InverseElement = {
  kind: 'inverse';
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  heightMm: number;
  align?: TextAlign;
};

/**
 * A picture (a courier's signature) fitted into its box, keeping its proportions, as 1-bit dots:
 * each backend thresholds it at its own resolution. The PNG travels as base64 so a layout stays JSON.
 */
export type ImageElement = { kind: 'image'; x: number; y: number; w: number; h: number; pngBase64: string };

export type LayoutElement = TextElement | Code128Element | QrElement | BoxElement | LineElement | InverseElement | ImageElement;

export type Layout = { widthMm: number; heightMm: number; elements: LayoutElement[] };

export const QUIET_ZONE_MODULES = 10;
export const HRI_BAND_MM = 3.5;

/**
 * Printers are built on whole dots per millimetre: a "203 dpi" head is 8 dots/mm (100 mm = 800
 * dots, which is what ^PW800 expects) and a "300 dpi" head is 12 dots/mm.
 */
export function dotsPerMm(dpi: number): number {
  if (dpi === 203) return 8;
  if (dpi === 300) return 12;
  if (dpi === 600) return 24;
  return dpi / 25.4;
}

export function mmToDots(mm: number, dpi: number): number {
  return Math.round(mm * dotsPerMm(dpi));
}

/** Characters that print a full em wide in every CJK font we target (GB fonts, Noto Sans SC). */
export function isWide(ch: string): boolean {
  return (ch.codePointAt(0) ?? 0) > 0x7f;
}

/**
 * A conservative width estimate used by builders to fit text: wide characters 1 em, ASCII 0.6 em
 * (Noto Sans SC digits are 0.56–0.59 em, TSS24.BF2 ASCII 0.5 em). Encoders still check the real
 * width and shrink, so this only has to be close and on the wide side.
 */
export function estimateTextWidthMm(text: string, heightMm: number): number {
  let ems = 0;
  for (const ch of text) ems += isWide(ch) ? 1 : 0.6;
  return ems * heightMm;
}

/** The box an element occupies, in mm; used by tests and by builders to keep elements apart. */
export function elementBounds(el: LayoutElement): { x: number; y: number; w: number; h: number } {
  switch (el.kind) {
    case 'text':
      return { x: el.x, y: el.y, w: el.maxWidthMm, h: el.heightMm };
    case 'code128':
      return { x: el.x, y: el.y, w: el.widthMm, h: el.heightMm + (el.humanReadable ? HRI_BAND_MM : 0) };
    case 'qr':
      // Version is data-dependent; callers that need exact QR bounds render it. 25 cells covers v2.
      return { x: el.x, y: el.y, w: el.cellMm * 25, h: el.cellMm * 25 };
    case 'box':
    case 'line':
    case 'inverse':
    case 'image':
      return { x: el.x, y: el.y, w: el.w, h: el.h };
  }
}

/**
 * Modules of the shortest Code128 encoding of `data` (subsets B and C, switching where it pays),
 * which is what bwip-js, TSPL "128" and ZPL ^BC mode A produce. Needed to centre the symbol and
 * to prove quiet zones without rendering. Throws on characters outside printable ASCII.
 */
export function code128Modules(data: string): number {
  if (data.length === 0 || !/^[\x20-\x7e]+$/.test(data)) {
    throw new RangeError(`Code128 needs printable ASCII, got ${JSON.stringify(data)}`);
  }
  const isDigit = (i: number) => {
    const c = data.charCodeAt(i);
    return c >= 48 && c <= 57;
  };
  const n = data.length;
  // best[i] = [symbols to have encoded data[0..i) ending in subset B, ... in subset C]
  const best: Array<[number, number]> = Array.from({ length: n + 1 }, () => [Infinity, Infinity]);
  best[0] = [0, 0];
  for (let i = 0; i <= n; i++) {
    const cur = best[i] as [number, number];
    // A CODE B / CODE C switch costs one symbol at the same position (the start symbol is free).
    const b = Math.min(cur[0], cur[1] + 1);
    const c = Math.min(cur[1], cur[0] + 1);
    cur[0] = b;
    cur[1] = c;
    if (i === n) break;
    const next = best[i + 1] as [number, number];
    next[0] = Math.min(next[0], cur[0] + 1);
    if (i + 1 < n && isDigit(i) && isDigit(i + 1)) {
      const next2 = best[i + 2] as [number, number];
      next2[1] = Math.min(next2[1], cur[1] + 1);
    }
  }
  const end = best[n] as [number, number];
  const symbols = Math.min(end[0], end[1]);
  // start + data + check symbol are 11 modules each; the stop pattern is 13.
  return 11 * (symbols + 2) + 13;
}

/** `text` cut to fit one line of `maxWidthMm`, ending in "…" when something was cut. */
export function fitText(text: string, heightMm: number, maxWidthMm: number): string {
  if (estimateTextWidthMm(text, heightMm) <= maxWidthMm) return text;
  const chars = [...text];
  const budget = maxWidthMm - estimateTextWidthMm('…', heightMm);
  let width = 0;
  let end = 0;
  for (; end < chars.length; end++) {
    const w = estimateTextWidthMm(chars[end] as string, heightMm);
    if (width + w > budget) break;
    width += w;
  }
  return `${chars.slice(0, end).join('').trimEnd()}…`;
}

/**
 * Greedy line breaking for mixed Chinese/Latin text: Chinese may break anywhere, but a Latin
 * word or number (a SKU code, a phone number) moves to the next line whole when it can.
 * Returns at most `maxLines`; `truncated` says whether text was left over (the last line then
 * ends in "…").
 */
export function wrapText(
  text: string,
  heightMm: number,
  maxWidthMm: number,
  maxLines: number,
): { lines: string[]; truncated: boolean } {
  const lines: string[] = [];
  let rest = [...text.trim()];
  while (rest.length > 0 && lines.length < maxLines) {
    let width = 0;
    let end = 0;
    for (; end < rest.length; end++) {
      const w = estimateTextWidthMm(rest[end] as string, heightMm);
      if (width + w > maxWidthMm) break;
      width += w;
    }
    if (end === 0) end = 1; // a single glyph wider than the line still has to go somewhere
    if (end < rest.length && isWordChar(rest[end]) && isWordChar(rest[end - 1])) {
      let back = end;
      while (back > 0 && isWordChar(rest[back - 1])) back--;
      if (back > end * 0.4) end = back;
    }
    lines.push(rest.slice(0, end).join('').trim());
    rest = rest.slice(end);
    while (rest[0] === ' ') rest.shift();
  }
  const truncated = rest.length > 0;
  if (truncated && lines.length > 0) {
    const last = lines.length - 1;
    lines[last] = fitText(`${lines[last] ?? ''}…`, heightMm, maxWidthMm);
  }
  return { lines, truncated };
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[0-9A-Za-z\-_.@#]/.test(ch);
}

/**
 * Where a Code128 element's bars land, in dots. Every backend uses this so a printer's own
 * BARCODE command and our raster put identical bars in the same place. The module width is the
 * nominal one rounded to whole dots (a fractional module prints as uneven bars), shrunk only if
 * the symbol plus its quiet zones would not fit the box.
 */
export function code128Placement(el: Code128Element, dpi: number): { x: number; y: number; narrow: number; widthDots: number; heightDots: number } {
  const dpmm = dotsPerMm(dpi);
  const modules = code128Modules(el.data);
  const box = Math.round(el.widthMm * dpmm);
  const nominal = Math.max(1, Math.round(el.moduleMm * dpmm));
  const fit = Math.floor(box / (modules + 2 * QUIET_ZONE_MODULES));
  const narrow = Math.max(1, Math.min(nominal, fit));
  const widthDots = modules * narrow;
  return {
    x: Math.round(el.x * dpmm) + Math.floor((box - widthDots) / 2),
    y: Math.round(el.y * dpmm),
    narrow,
    widthDots,
    heightDots: Math.round(el.heightMm * dpmm),
  };
}

/**
 * The largest height ≤ `heightMm` at which `text` fits one line: codes (tracking numbers,
 * routing codes, order ids) are shrunk to fit, never cut, since a cut code is a wrong code.
 */
export function fitHeight(text: string, heightMm: number, maxWidthMm: number): number {
  const width = estimateTextWidthMm(text, heightMm);
  if (width <= maxWidthMm) return heightMm;
  return Math.floor((heightMm * maxWidthMm * 10) / width) / 10;
}

/**
 * A Code128 element filling the box [x, x + widthMm], with the widest module from `modulesMm`
 * (largest first) that leaves ≥ QUIET_ZONE_MODULES of quiet zone on each side — ZXing and many
 * handheld scanners fail without it (hardware.md §2.2). `what` names the value in the error.
 */
export function code128Element(
  what: Message,
  data: string,
  box: { x: number; y: number; widthMm: number; heightMm: number },
  modulesMm: number[],
  humanReadable: boolean,
): Code128Element {
  let count: number;
  try {
    count = code128Modules(data);
  } catch {
    throw new AppError('INVALID_INPUT', msg('label.notBarcodable', { what, data }), { data });
  }
  const moduleMm = modulesMm.find((m) => (count + 2 * QUIET_ZONE_MODULES) * m <= box.widthMm);
  if (moduleMm === undefined) {
    throw new AppError('INVALID_INPUT', msg('label.tooLong', { what, data }), { data, modules: count });
  }
  return { kind: 'code128', ...box, moduleMm, data, humanReadable };
}

/**
 * Control characters (line breaks, tabs, NUL) from imported data become spaces: in a printer
 * command they would end the command early or be read as one.
 */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || c === 0x7f ? ' ' : ch;
  }
  return out;
}

export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7e) return false;
  return true;
}
