import emojiBold from '@expo-google-fonts/noto-emoji/700Bold/NotoEmoji_700Bold.ttf?url';
import emoji from '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf?url';
import bold from '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf?url';
import regular from '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf?url';
import plane2 from '#fonts/HanaMinB.ttf?url';

/**
 * The app ships its fonts (the same ones the label rasteriser uses) instead of trusting the bench
 * PC to have them: a name must never render as empty boxes at the bench. Noto Sans SC loads at
 * start; the fallbacks (monochrome emoji, and HanaMinB for CJK Extension B–F such as 𠮷 and 𪚥)
 * carry a unicode-range, so the browser fetches them only when such a character is on screen.
 */
const FACES: ReadonlyArray<readonly [family: string, url: string, weight: string, range: string | null]> = [
  ['Noto Sans SC', regular, '400', null],
  ['Noto Sans SC', bold, '700', null],
  ['Noto Emoji', emoji, '400', 'U+2190-21FF, U+2300-27BF, U+2B00-2BFF, U+1F000-1FAFF, U+FE0F, U+200D'],
  ['Noto Emoji', emojiBold, '700', 'U+2190-21FF, U+2300-27BF, U+2B00-2BFF, U+1F000-1FAFF, U+FE0F, U+200D'],
  ['HanaMinB', plane2, '100 900', 'U+20000-2FFFF'],
];

export function loadFonts(): void {
  for (const [family, url, weight, range] of FACES) {
    const face = new FontFace(family, `url(${url})`, { weight, display: 'swap', ...(range ? { unicodeRange: range } : {}) });
    document.fonts.add(face);
    // The primary face loads now; range-limited fallbacks load on first use.
    if (!range) void face.load().catch(() => undefined);
  }
}
