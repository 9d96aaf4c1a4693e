import bold from '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf?url';
import regular from '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf?url';

/**
 * The app ships its Chinese font (the same one the label rasteriser uses) instead of trusting the
 * bench PC to have one: Chinese must never render as empty boxes at the bench.
 */
export function loadFonts(): void {
  for (const [url, weight] of [[regular, '400'], [bold, '700']] as const) {
    const face = new FontFace('Noto Sans SC', `url(${url})`, { weight, display: 'swap' });
    document.fonts.add(face);
    void face.load().catch(() => undefined);
  }
}
