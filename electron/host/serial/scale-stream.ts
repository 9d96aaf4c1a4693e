import { parseOhaus, parseStHeader, parseToledo, parseYaohua, parseYaohuaReversed, type ScaleFamily, type ScaleReading, type WeightUnit } from './scale-frames';

export type ScaleFraming = {
  family: ScaleFamily;
  /** Toledo: a checksum byte follows the CR. */
  checksum: boolean;
  /** Yaohua frames (both kinds) carry no unit: the indicator's. */
  unit: WeightUnit;
};

// No frame of any family is longer than this; a longer run without a frame end is noise.
const MAX_LINE = 128;
const STX = 0x02;
const EQUALS = 0x3d;

/**
 * Cuts a scale's continuous output into frames and parses them. Chunks may split a frame anywhere
 * and line noise may sit between frames: text families resync at the next CR/LF, STX families at
 * the next STX (Yaohua's reversed frames at the next `=`), and a frame that fails its parse or checksum is dropped and counted.
 */
export function createScaleStream(framing: ScaleFraming, onReading: (reading: ScaleReading) => void) {
  let buffer: Buffer = Buffer.alloc(0);
  let dropped = 0;
  const take = (r: ScaleReading | null) => (r ? onReading(r) : (dropped += 1));

  const lineFamily = framing.family === 'st-header' || framing.family === 'ohaus';
  const parseLine = framing.family === 'ohaus' ? parseOhaus : parseStHeader;
  const start = framing.family === 'yaohua-reversed' ? EQUALS : STX;
  const frameLength = framing.family === 'yaohua' ? 12 : framing.family === 'yaohua-reversed' ? 9 : framing.checksum ? 18 : 17;
  const parseFrame = (f: Uint8Array) =>
    framing.family === 'yaohua' ? parseYaohua(f, framing.unit)
    : framing.family === 'yaohua-reversed' ? parseYaohuaReversed(f, framing.unit)
    : parseToledo(f, framing.checksum);

  function lines(): void {
    for (;;) {
      const cr = buffer.indexOf(0x0d);
      const lf = buffer.indexOf(0x0a);
      const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
      if (end < 0) break;
      const line = buffer.subarray(0, end).toString('latin1');
      buffer = buffer.subarray(end + 1);
      if (line.trim()) take(parseLine(line));
    }
    if (buffer.length > MAX_LINE) {
      dropped += 1;
      buffer = Buffer.alloc(0);
    }
  }

  function frames(): void {
    for (;;) {
      const at = buffer.indexOf(start);
      if (at < 0) {
        if (buffer.length > 0) dropped += 1;
        buffer = Buffer.alloc(0);
        return;
      }
      if (at > 0) dropped += 1;
      buffer = buffer.subarray(at);
      if (buffer.length < frameLength) return;
      const reading = parseFrame(buffer.subarray(0, frameLength));
      if (reading) {
        onReading(reading);
        buffer = buffer.subarray(frameLength);
      } else {
        // Not a frame at this start byte (garbage, a torn frame): look for the next one.
        dropped += 1;
        buffer = buffer.subarray(1);
      }
    }
  }

  return {
    push(chunk: Buffer): void {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      if (lineFamily) lines();
      else frames();
    },
    /** Frames thrown away so far (noise, bad checksums). */
    dropped: () => dropped,
  };
}
export type ScaleStream = ReturnType<typeof createScaleStream>;
