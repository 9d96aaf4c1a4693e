import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScannerFramer, readScanFrame, type SerialScan } from './scanner-framer';

afterEach(() => {
  vi.useRealTimers();
});

const collect = (framing: Parameters<typeof createScannerFramer>[0]) => {
  const scans: SerialScan[] = [];
  return { scans, framer: createScannerFramer(framing, (s) => scans.push(s)) };
};

describe('serial scanner framing', () => {
  it('CR suffix: codes split anywhere come out whole; an LF left by a CRLF scanner is dropped', () => {
    const { scans, framer } = collect({ suffix: 'CR', prefix: '', interByteMs: 30 });
    for (const part of ['SF12345', '67890123\r\nSKU-0', '036\r']) framer.push(Buffer.from(part));
    expect(scans.map((s) => s.code)).toEqual(['SF1234567890123', 'SKU-0036']);
  });

  it('strips the configured prefix and an AIM symbology id, and keeps the id', () => {
    const { scans, framer } = collect({ suffix: 'CRLF', prefix: '#', interByteMs: 30 });
    framer.push(Buffer.from('#]C0SF1234567890123\r\n#]E06901234567892\r\n]Q1https://x.cn/a\r\n'));
    expect(scans).toEqual([
      { code: 'SF1234567890123', aimId: ']C0' },
      { code: '6901234567892', aimId: ']E0' },
      { code: 'https://x.cn/a', aimId: ']Q1' },
    ]);
  });

  it('keeps the GS1 separator (GS, 0x1D) and reads UTF-8 codes', () => {
    const { scans, framer } = collect({ suffix: 'CR', prefix: '', interByteMs: 30 });
    framer.push(Buffer.from(']C10106901234567892\u001d10ABC\r韩版运动袜\r'));
    expect(scans).toEqual([
      { code: '0106901234567892\u001d10ABC', aimId: ']C1' },
      { code: '韩版运动袜', aimId: null },
    ]);
  });

  it('no suffix: a code ends when the scanner goes quiet for the inter-byte time', () => {
    vi.useFakeTimers();
    const { scans, framer } = collect({ suffix: 'none', prefix: '', interByteMs: 30 });
    framer.push(Buffer.from('SF1234'));
    vi.advanceTimersByTime(20);
    framer.push(Buffer.from('567890123'));
    vi.advanceTimersByTime(29);
    expect(scans).toEqual([]);
    vi.advanceTimersByTime(1);
    framer.push(Buffer.from('SKU-0036'));
    vi.advanceTimersByTime(30);
    expect(scans.map((s) => s.code)).toEqual(['SF1234567890123', 'SKU-0036']);
  });

  it('a torn frame (unplugged mid-code) and an overlong run are dropped, not scanned', () => {
    vi.useFakeTimers();
    const { scans, framer } = collect({ suffix: 'CR', prefix: '', interByteMs: 30 });
    framer.push(Buffer.from('SF12'));
    vi.advanceTimersByTime(1000);
    framer.push(Buffer.alloc(600, 0x41));
    framer.push(Buffer.from('SKU-0036\r'));
    expect(scans.map((s) => s.code)).toEqual(['SKU-0036']);
    expect(framer.dropped()).toBe(2);
  });

  it('hostile bytes never throw and never hand the bench a code that fails the barcode schema', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }), fc.constantFrom('CR', 'CRLF', 'none') as fc.Arbitrary<'CR' | 'CRLF' | 'none'>, (chunks, suffix) => {
        vi.useFakeTimers();
        const { scans, framer } = collect({ suffix, prefix: '', interByteMs: 30 });
        for (const c of chunks) {
          framer.push(Buffer.from(c));
          vi.advanceTimersByTime(5);
        }
        vi.advanceTimersByTime(2000);
        for (const s of scans) {
          expect(s.code.length).toBeGreaterThan(0);
          expect(s.code.length).toBeLessThanOrEqual(128);
          expect(s.code).toBe(s.code.trim());
          // eslint-disable-next-line no-control-regex -- the bytes a code must never carry
          expect(/[\u0000-\u001c\u001e\u001f\u007f]/.test(s.code)).toBe(false);
        }
        vi.useRealTimers();
      }),
      { numRuns: 200 },
    );
  });

  it('reads one frame by itself', () => {
    expect(readScanFrame(Buffer.from('   '), '')).toBeNull();
    expect(readScanFrame(Buffer.from(']E4'), '')).toBeNull();
  });
});
