import type { PhotoMime } from '#shared/contract/photos.contract';

/** What is wrong with bytes offered as a photo; null when they are a whole picture of its type. */
export type PhotoProblem = 'not-image' | 'truncated' | 'too-many-pixels';
export type PhotoFacts = { mime: PhotoMime; width: number; height: number };

/** A phone's 50-megapixel photo still passes; a "picture" that would take gigabytes to decode does not. */
export const PHOTO_MAX_PIXELS = 60_000_000;
const MAX_SIDE = 16_384;

/**
 * Reads a picture's type by its magic number and its size from its header, and checks that the file
 * is whole (a JPEG reaches its end marker, a PNG its IEND chunk, a WebP its RIFF length), before
 * anything decodes it: decoders paint a cut-off photo grey instead of failing.
 */
export function checkPhoto(bytes: Buffer): PhotoFacts | PhotoProblem {
  const found = sniff(bytes);
  if (found === 'not-image' || found === 'truncated') return found;
  const { width, height } = found;
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE || width * height > PHOTO_MAX_PIXELS) return 'too-many-pixels';
  return found;
}

function sniff(b: Buffer): PhotoFacts | 'not-image' | 'truncated' {
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) return png(b);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b);
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return webp(b);
  return 'not-image';
}

/** PNG: chunk by chunk (length, type, data, CRC) to IEND; the size is in IHDR. */
function png(b: Buffer): PhotoFacts | 'truncated' {
  if (b.length < 33 || b.toString('latin1', 12, 16) !== 'IHDR') return 'truncated';
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  for (let at = 8; at + 12 <= b.length; ) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    const next = at + 12 + length;
    if (next > b.length) return 'truncated';
    if (type === 'IEND') return { mime: 'image/png', width, height };
    at = next;
  }
  return 'truncated';
}

// Start-of-frame markers that carry the size (not DHT C4, JPG C8 or DAC CC).
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** JPEG: segments to the start of scan, then the entropy-coded data to the end-of-image marker. */
function jpeg(b: Buffer): PhotoFacts | 'truncated' {
  let width = 0;
  let height = 0;
  let at = 2;
  for (;;) {
    while (at < b.length && b[at] === 0xff && b[at + 1] === 0xff) at += 1; // fill bytes
    if (at + 4 > b.length || b[at] !== 0xff) return 'truncated';
    const marker = b[at + 1]!;
    if (marker === 0xd9) return 'truncated'; // an image ends before its scan
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = b.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > b.length) return 'truncated';
    if (SOF.has(marker)) {
      if (length < 7) return 'truncated';
      height = b.readUInt16BE(at + 5);
      width = b.readUInt16BE(at + 7);
    }
    at += 2 + length;
    if (marker === 0xda) break;
  }
  // Scan data: a 0xFF is followed by 0x00 (stuffed), a restart marker, another scan's headers, or EOI.
  for (let i = b.indexOf(0xff, at); i !== -1 && i + 1 < b.length; i = b.indexOf(0xff, i + 1)) {
    if (b[i + 1] === 0xd9) return width > 0 ? { mime: 'image/jpeg', width, height } : 'truncated';
  }
  return 'truncated';
}

/** WebP: the RIFF length covers the file; the size is in the VP8, VP8L or VP8X header. */
function webp(b: Buffer): PhotoFacts | 'truncated' {
  if (b.readUInt32LE(4) + 8 > b.length || b.length < 30) return 'truncated';
  const chunk = b.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') return { mime: 'image/webp', width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = b.readUInt32LE(21);
    return { mime: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { mime: 'image/webp', width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  return 'truncated';
}
