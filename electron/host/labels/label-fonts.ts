import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlobalFonts, createCanvas, type SKRSContext2D } from '@napi-rs/canvas';

/**
 * The fonts every label, slip and bitmap line is drawn with, and the guard that keeps tofu (the
 * .notdef box, ☒) off paper. All of them ship with the app, so a label looks the same on every
 * bench and nothing is fetched at run time:
 *   1. Noto Sans SC (npm @expo-google-fonts/noto-sans-sc): Latin, GBK/GB18030 BMP Chinese.
 *   2. Noto Emoji (npm @expo-google-fonts/noto-emoji, ~0.9 MB): monochrome emoji, which print
 *      as clean outlines on a thermal head where a colour emoji would threshold to a blob.
 *   3. HanaMinB (resources/fonts, 30 MB, OFL): all of Plane 2, CJK Extension B–F (𠮷, 𪚥), which
 *      no npm font package carries whole.
 * A character none of them has is replaced by a visible "[U+XXXXX]" so the packer sees a name
 * character is missing, rather than a box that reads as a smudge.
 */

const PRIMARY = 'Noto Sans SC';
const EMOJI = 'Noto Emoji';
const PLANE2 = 'HanaMinB';
/** The CSS-style family list handed to canvas; Skia falls back glyph by glyph along it. */
export const LABEL_FONT_STACK = `"${PRIMARY}", "${EMOJI}", "${PLANE2}"`;

let ready = false;

/** Registers the bundled fonts once per process (a few ms: files are mapped, not parsed). */
export function ensureFonts(): void {
  if (ready) return;
  const req = createRequire(import.meta.url);
  GlobalFonts.registerFromPath(notoSansScFile(false), PRIMARY);
  GlobalFonts.registerFromPath(notoSansScFile(true), PRIMARY);
  const emoji = path.dirname(req.resolve('@expo-google-fonts/noto-emoji/package.json'));
  GlobalFonts.registerFromPath(path.join(emoji, '400Regular/NotoEmoji_400Regular.ttf'), EMOJI);
  GlobalFonts.registerFromPath(path.join(emoji, '700Bold/NotoEmoji_700Bold.ttf'), EMOJI);
  GlobalFonts.registerFromPath(path.join(bundledFontsDir(), 'HanaMinB.ttf'), PLANE2);
  ready = true;
}

/** The bundled Noto Sans SC (regular or bold): also what a PDF with real text (the evidence pack) embeds. */
export function notoSansScFile(bold: boolean): string {
  const sc = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  return bold ? path.join(sc, '700Bold/NotoSansSC_700Bold.ttf') : path.join(sc, '400Regular/NotoSansSC_400Regular.ttf');
}

/** resources/fonts, found by walking up from the running code (source tree, out/ or app.asar.unpacked). */
export function bundledFontsDir(start = import.meta.dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    for (const base of [dir, dir.replace(/app\.asar(?=$|[\\/])/, 'app.asar.unpacked')]) {
      const candidate = path.join(base, 'resources', 'fonts');
      if (existsSync(path.join(candidate, 'HanaMinB.ttf'))) return candidate;
    }
    if (path.dirname(dir) === dir) throw new Error(`resources/fonts not found above ${start}`);
  }
}

export function fontOf(bold: boolean, size: number): string {
  return `${bold ? 700 : 400} ${size.toFixed(2)}px ${LABEL_FONT_STACK}`;
}

// ---- Tofu guard -----------------------------------------------------------------------------

const PROBE = 48;
let probe: SKRSContext2D | null = null;
let notdef: string | null = null;
const covered = new Map<string, boolean>();
const CACHE_LIMIT = 50_000;

/** The ink of one character drawn alone in the font stack, as a comparable string. */
function inkOf(ch: string): string {
  probe ??= createCanvas(PROBE * 3, PROBE * 2).getContext('2d');
  const ctx = probe;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, PROBE * 3, PROBE * 2);
  ctx.fillStyle = '#000';
  ctx.font = fontOf(false, PROBE);
  ctx.fillText(ch, 2, PROBE * 1.4);
  const rgba = ctx.getImageData(0, 0, PROBE * 3, PROBE * 2).data;
  let bits = '';
  for (let i = 0; i < rgba.length; i += 4) bits += (rgba[i] as number) < 128 ? '1' : '0';
  return bits;
}

/**
 * Whether the font stack draws `ch` as a real glyph. Skia draws the primary font's .notdef box for
 * a character no font has, so comparing with the box drawn for a private-use code point (which no
 * bundled font maps) tells tofu from a glyph. Cached per character.
 */
export function fontHasGlyph(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  // Printable ASCII and the common CJK block are covered by Noto Sans SC: skip the probe.
  if ((cp >= 0x20 && cp < 0x7f) || (cp >= 0x4e00 && cp <= 0x9fa5)) return true;
  let ok = covered.get(ch);
  if (ok === undefined) {
    ensureFonts();
    notdef ??= inkOf('\u{10FFFD}');
    const ink = inkOf(ch);
    // A blank draw (a space, a zero-width joiner) is not tofu either.
    ok = ink !== notdef;
    if (covered.size >= CACHE_LIMIT) covered.clear();
    covered.set(ch, ok);
  }
  return ok;
}

// Emoji sequences stay whole (a ZWJ family, a flag, a skin tone), so each is probed as one cluster.
const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** `text` with every cluster the fonts cannot draw replaced by a visible [U+XXXX]. */
export function withoutTofu(text: string): string {
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    if (fontHasGlyph(segment)) out += segment;
    else out += [...segment].map((c) => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`).join('');
  }
  return out;
}
