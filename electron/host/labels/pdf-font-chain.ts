import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import subsetFont from 'subset-font';
import { bundledFontsDir, notoSansScFile } from './label-fonts';

/** Text drawn in a PDF as real (searchable, copyable) text, each character in the first bundled font that has it. */
export type PdfText = {
  /** `s` without the characters no bundled font has: a PDF shows neither tofu nor a [U+XXXX] stand-in. */
  clean: (s: string) => string;
  widthOf: (s: string, size: number) => number;
  draw: (page: PDFPage, s: string, at: { x: number; y: number; size: number; color: Color }) => void;
};

type Face = { file: () => string; bytes: Uint8Array | null; cmap: { hasGlyphForCodePoint: (cp: number) => boolean } | null };

// The labels' fallback chain (label-fonts.ts), in its order: Chinese and Latin, then emoji (a courier's
// name may carry a 🚚), then CJK Extension B–F. HanaMinB is 30 MB: it is read only when a sheet needs it.
const faces: Face[] = [
  { file: () => notoSansScFile(false), bytes: null, cmap: null },
  {
    file: () => path.join(path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-emoji/package.json')), '400Regular/NotoEmoji_400Regular.ttf'),
    bytes: null, cmap: null,
  },
  { file: () => path.join(bundledFontsDir(), 'HanaMinB.ttf'), bytes: null, cmap: null },
];

function load(face: Face): NonNullable<Face['cmap']> {
  face.bytes ??= readFileSync(face.file());
  face.cmap ??= fontkit.create(face.bytes) as unknown as NonNullable<Face['cmap']>;
  return face.cmap;
}

/** The first face that draws `cp`, or -1 (dropped). */
function faceOf(cp: number): number {
  for (let i = 0; i < faces.length; i++) if (load(faces[i]!).hasGlyphForCodePoint(cp)) return i;
  return -1;
}

/**
 * Embeds, for every character of `text`, the subset of the first bundled font that has it (cut by
 * harfbuzz: pdf-lib's own subsetter loses most Chinese glyphs of Noto Sans SC), and returns how to
 * measure and draw strings with them, run by run. A character none of them has (a private-use one,
 * an emoji joiner) is left out: the carrier's desk or the courier reads the rest, never a box.
 */
export async function embedPdfText(doc: PDFDocument, text: string): Promise<PdfText> {
  doc.registerFontkit(fontkit);
  const chars = new Map<string, number>();
  const wanted = faces.map(() => new Set<string>());
  for (const ch of new Set(text)) {
    const i = faceOf(ch.codePointAt(0) ?? 0);
    chars.set(ch, i);
    if (i >= 0) wanted[i]!.add(ch);
  }
  chars.set(' ', 0);
  wanted[0]!.add(' ');
  // No 'locl': in Latin runs Noto Sans SC swaps digits for forms a viewer spaces out ("SKU-0 0 1 1"). No ligatures:
  // an id with "ff" in it must copy out of the PDF as the letters it is.
  const features = { locl: false, liga: false, clig: false, dlig: false };
  const fonts: (PDFFont | null)[] = await Promise.all(
    wanted.map(async (set, i) =>
      set.size === 0 ? null : doc.embedFont(await subsetFont(faces[i]!.bytes!, [...set].join(''), { targetFormat: 'truetype' }), { subset: false, features }),
    ),
  );
  // A character not in `text` has no glyph in the subsets: it is dropped like one no font has.
  const indexOf = (ch: string) => chars.get(ch) ?? -1;
  /** `s` as runs of one font each, dropped characters left out. */
  const runs = (s: string): { font: PDFFont; text: string }[] => {
    const out: { font: PDFFont; text: string }[] = [];
    for (const ch of s) {
      const font = fonts[indexOf(ch)];
      if (!font) continue;
      const last = out.at(-1);
      if (last?.font === font) last.text += ch;
      else out.push({ font, text: ch });
    }
    return out;
  };
  return {
    clean: (s) => Array.from(s, (ch) => (fonts[indexOf(ch)] ? ch : '')).join(''),
    widthOf: (s, size) => runs(s).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0),
    draw(page, s, { x, y, size, color }) {
      let left = x;
      for (const r of runs(s)) {
        page.drawText(r.text, { x: left, y, size, font: r.font, color });
        left += r.font.widthOfTextAtSize(r.text, size);
      }
    },
  };
}
