/** subset-font ships no types: the one call the evidence PDF makes (harfbuzz's hb-subset, as WebAssembly). */
declare module 'subset-font' {
  export default function subsetFont(font: Uint8Array, text: string, options?: { targetFormat?: 'truetype' | 'sfnt' | 'woff' | 'woff2' }): Promise<Buffer>;
}
