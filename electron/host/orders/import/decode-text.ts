import iconv from 'iconv-lite';

/**
 * Exports arrive as GBK (classic Taobao), UTF-8 with a BOM (third-party tools, some Excel/WPS
 * re-saves) or plain UTF-8. Strict UTF-8 rejects GBK bytes reliably (china-formats §1.6), so the
 * order "BOM → strict UTF-8 → GB18030" needs no guessing heuristics. GB18030 is a superset of
 * GBK and decodes the rare characters (生僻字 in names) that plain GBK would turn into '?'.
 * iconv-lite is the fallback for small-ICU builds, where TextDecoder('gb18030') does not exist.
 */

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
export type DecodedText = { text: string; encoding: TextEncodingName };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Full-ICU runtimes (Node's default build, Electron) decode GB18030 ~3× faster than iconv-lite. */
const nativeGb18030: TextDecoder | null = (() => {
  try {
    return new TextDecoder('gb18030');
  } catch {
    return null;
  }
})();

function decodeGb18030(buf: Buffer): string {
  return nativeGb18030 ? nativeGb18030.decode(buf) : iconv.decode(buf, 'gb18030');
}

function hasPrefix(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Decodes file bytes to text without the BOM; `forced` skips detection (a saved mapping may fix it). */
export function decodeText(bytes: Uint8Array, forced: 'auto' | 'gbk' | 'utf-8' = 'auto'): DecodedText {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (hasPrefix(buf, [0xef, 0xbb, 0xbf])) return { text: buf.toString('utf8', 3), encoding: 'utf-8' };
  // Excel's "Unicode text" export is UTF-16 with a BOM.
  if (hasPrefix(buf, [0xff, 0xfe])) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (hasPrefix(buf, [0xfe, 0xff])) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  if (forced === 'gbk') return { text: decodeGb18030(buf), encoding: 'gb18030' };
  if (forced === 'utf-8') return { text: buf.toString('utf8'), encoding: 'utf-8' };
  try {
    return { text: strictUtf8.decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: decodeGb18030(buf), encoding: 'gb18030' };
  }
}
