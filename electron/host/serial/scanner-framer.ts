import { barcodeSchema } from '#shared/contract/common';

/** How a serial (USB-COM) scanner ends and starts each code; set by the scanner's programming sheet. */
export type ScannerFraming = {
  /** CR or CRLF after each code, or none: a code ends when no byte comes for `interByteMs`. */
  suffix: 'CR' | 'CRLF' | 'none';
  /** A fixed prefix the scanner sends before each code, stripped when present ('' for none). */
  prefix: string;
  interByteMs: number;
};

/** One code as read: the text the bench gets and the AIM symbology id when the scanner sent one. */
export type SerialScan = { code: string; aimId: string | null };

/** Timers as a port so the framing is tested with fake time (vitest) and real time alike. */
export type FramerTimers = { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
const realTimers: FramerTimers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as NodeJS.Timeout) };

// A code is at most 128 characters (barcodeSchema); more bytes than this without a suffix is line noise.
const MAX_FRAME_BYTES = 512;
// A frame with a suffix still waiting this long after its last byte is a torn one (scanner unplugged mid-code).
const STALE_MS = 1000;
/** ISO/IEC 15424 AIM id: `]`, a symbology letter, a modifier character (]C0 Code 128, ]E0 EAN-13, ]Q1 QR …). */
const AIM = /^\]([A-Za-z])([0-9A-Za-z])/;
// Control bytes other than GS (0x1D, the GS1 separator) never belong to a code.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001c\u001e\u001f\u007f]/g;

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** UTF-8 when the bytes are UTF-8 (QR codes with Chinese), else one byte per character. */
function decode(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** The code in one frame, with prefix and AIM id taken off; null when nothing usable is left. */
export function readScanFrame(frame: Buffer, prefix: string): SerialScan | null {
  let text = decode(frame).replace(CONTROL, '');
  if (prefix && text.startsWith(prefix)) text = text.slice(prefix.length);
  const aim = AIM.exec(text);
  const aimId = aim ? aim[0] : null;
  if (aim) text = text.slice(aim[0].length);
  const parsed = barcodeSchema.safeParse(text);
  return parsed.success ? { code: parsed.data, aimId } : null;
}

/**
 * Cuts a serial scanner's byte stream into codes. Bytes arrive in any chunks (a UART hands over
 * what it has), so a frame may be split anywhere; garbage, overlong runs and torn frames are
 * dropped and counted, never passed to the bench.
 */
export function createScannerFramer(framing: ScannerFraming, onScan: (scan: SerialScan) => void, timers: FramerTimers = realTimers) {
  const suffix = framing.suffix === 'CR' ? Buffer.from('\r') : framing.suffix === 'CRLF' ? Buffer.from('\r\n') : null;
  let buffer: Buffer = Buffer.alloc(0);
  let timer: unknown = null;
  let dropped = 0;

  const emit = (frame: Buffer) => {
    // A CRLF scanner on a CR setting leaves an LF at the start of the next code.
    const scan = readScanFrame(frame, framing.prefix);
    if (scan) onScan(scan);
    else if (frame.length > 0) dropped += 1;
  };
  const flush = () => {
    timer = null;
    if (buffer.length === 0) return;
    if (suffix) dropped += 1;
    else emit(buffer);
    buffer = Buffer.alloc(0);
  };

  return {
    push(chunk: Buffer): void {
      if (timer !== null) timers.clear(timer);
      timer = null;
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      if (suffix) {
        let at = buffer.indexOf(suffix);
        while (at >= 0) {
          emit(buffer.subarray(0, at));
          buffer = buffer.subarray(at + suffix.length);
          at = buffer.indexOf(suffix);
        }
      }
      if (buffer.length > MAX_FRAME_BYTES) {
        dropped += 1;
        buffer = Buffer.alloc(0);
      }
      if (buffer.length > 0) timer = timers.set(flush, suffix ? STALE_MS : framing.interByteMs);
    },
    /** Frames thrown away as noise so far (shown on the Devices screen). */
    dropped: () => dropped,
    close(): void {
      if (timer !== null) timers.clear(timer);
      timer = null;
      buffer = Buffer.alloc(0);
    },
  };
}
export type ScannerFramer = ReturnType<typeof createScannerFramer>;
