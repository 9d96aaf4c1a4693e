import iconv from 'iconv-lite';

/**
 * Exports arrive as GBK (classic Taobao), UTF-8 with a BOM (third-party tools, some Excel/WPS
 * re-saves) or plain UTF-8. Strict UTF-8 rejects GBK bytes reliably (china-formats §1.6), so the
 * order "BOM → strict UTF-8 → GB18030" needs no guessing heuristics. GB18030 is a superset of
 * GBK and decodes the rare characters (生僻字 in names) that plain GBK would turn into '?'.
 *
 * Every decode is strict: bytes that are not the encoding a file claims (a BOM, a saved mapping's
 * choice) or was detected as are refused with the text read before them, so the caller can name
 * the row. A UTF-8 file with one damaged byte is told apart from a GBK file by what the rest of it
 * looks like, instead of being read as GBK mojibake and reported as a missing column.
 */

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
export type DecodedText = { text: string; encoding: TextEncodingName };

/** The bytes are not valid text in `encoding`; `before` is what decoded cleanly up to the damage. */
export class UndecodableText extends Error {
  constructor(
    readonly encoding: TextEncodingName,
    /** True when the file said which encoding it is (a BOM) or the user chose it (a mapping). */
    readonly claimed: boolean,
    readonly before: string,
  ) {
    super(`not valid ${encoding} text after ${before.length} characters`);
    this.name = 'UndecodableText';
  }
}

/** How an encoding is called in messages, the same in every language. */
export const encodingLabel = (e: TextEncodingName): string =>
  e === 'gb18030' ? 'GBK/GB18030' : e === 'utf-8' ? 'UTF-8' : 'UTF-16';

/**
 * A strict decode, or null when the bytes are invalid. `partial`: the bytes are a prefix, so a
 * sequence cut at the end is not damage. Full-ICU runtimes (Node's default build, Electron) decode
 * natively, ~3× faster than iconv-lite; small-ICU builds fall back to iconv-lite, whose stand-in
 * character then marks the damage.
 */
function strict(encoding: TextEncodingName, bytes: Uint8Array, partial: boolean): string | null {
  let decoder: TextDecoder | null = null;
  try {
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  } catch {
    const text = partial ? iconv.getDecoder(encoding).write(Buffer.from(bytes)) : iconv.decode(Buffer.from(bytes), encoding);
    return text.includes('\uFFFD') ? null : text;
  }
  try {
    return decoder.decode(bytes, { stream: partial });
  } catch {
    return null;
  }
}

/** The text before the first damaged sequence (decoded leniently, where the damage shows as U+FFFD). */
function cleanPrefix(encoding: TextEncodingName, bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes), encoding);
  }
  const at = text.indexOf('\uFFFD');
  return at < 0 ? text : text.slice(0, at);
}

function decodeOrRefuse(encoding: TextEncodingName, bytes: Uint8Array, claimed: boolean, partial: boolean): DecodedText {
  const text = strict(encoding, bytes, partial);
  if (text === null) throw new UndecodableText(encoding, claimed, cleanPrefix(encoding, bytes));
  return { text, encoding };
}

/**
 * True when bytes that failed strict UTF-8 are still UTF-8 in the main: Chinese in UTF-8 is three
 * bytes a character, which GBK text almost never forms by accident, so well-formed 3–4 byte
 * sequences outnumbering broken ones mean a damaged UTF-8 file. Stops early on clear GBK.
 */
function mostlyUtf8(b: Uint8Array): boolean {
  let wide = 0;
  let broken = 0;
  const cont = (i: number): boolean => i < b.length && ((b[i] as number) & 0xc0) === 0x80;
  for (let i = 0; i < b.length; ) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const tail = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? (c <= 0xef ? 2 : -1) : c >= 0xc2 ? 1 : -1;
    let ok = tail > 0;
    for (let k = 1; ok && k <= tail; k++) ok = cont(i + k);
    if (ok) {
      if (tail >= 2) wide++;
      i += tail + 1;
    } else {
      broken++;
      i++;
      if (broken >= 64 && wide < broken) return false;
    }
  }
  return wide > broken;
}

/**
 * Decodes file bytes to text without the BOM; `forced` skips detection (a saved mapping may fix it).
 * `partial`: the bytes are a prefix of the file (a header probe).
 * @throws UndecodableText when the bytes are not the claimed or detected encoding
 */
export function decodeText(bytes: Uint8Array, forced: 'auto' | 'gbk' | 'utf-8' = 'auto', partial = false): DecodedText {
  const has = (...prefix: number[]): boolean => prefix.every((x, i) => bytes[i] === x);
  if (has(0xef, 0xbb, 0xbf)) return decodeOrRefuse('utf-8', bytes.subarray(3), true, partial);
  // Excel's "Unicode text" export is UTF-16 with a BOM.
  if (has(0xff, 0xfe)) return decodeOrRefuse('utf-16le', bytes.subarray(2), true, partial);
  if (has(0xfe, 0xff)) return decodeOrRefuse('utf-16be', bytes.subarray(2), true, partial);
  if (forced === 'gbk') return decodeOrRefuse('gb18030', bytes, true, partial);
  if (forced === 'utf-8') return decodeOrRefuse('utf-8', bytes, true, partial);
  const utf8 = strict('utf-8', bytes, partial);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return decodeOrRefuse(mostlyUtf8(bytes) ? 'utf-8' : 'gb18030', bytes, false, partial);
}
