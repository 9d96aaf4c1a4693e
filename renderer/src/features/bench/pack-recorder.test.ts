// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPackRecorder, type FinishedClip } from './pack-recorder';

/** An EBML element: its id (with its marker bits, as written), its size (8 bytes, or unknown), its content. */
const el = (id: number[], content: number[], unknownSize = false): number[] => {
  const size = unknownSize ? [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff] : [0x01, 0, 0, 0, 0, 0, 0, content.length];
  return [...id, ...size, ...content];
};
const text = (s: string) => [...new TextEncoder().encode(s)];

/**
 * A WebM laid out as Chromium's MediaRecorder writes it: a Segment and a Cluster of unknown size, an
 * Info with its TimecodeScale and no Duration (it streams, and never goes back to write one).
 */
const RECORDED = new Uint8Array([
  ...el([0x1a, 0x45, 0xdf, 0xa3], [...el([0x42, 0x82], text('webm')), ...el([0x42, 0x87], [4]), ...el([0x42, 0x85], [2])]),
  ...el([0x18, 0x53, 0x80, 0x67], [
    ...el([0x15, 0x49, 0xa9, 0x66], [...el([0x2a, 0xd7, 0xb1], [0x0f, 0x42, 0x40]), ...el([0x4d, 0x80], text('Chrome')), ...el([0x57, 0x41], text('Chrome'))]),
    ...el([0x16, 0x54, 0xae, 0x6b], [...el([0xae], [...el([0xd7], [1]), ...el([0x83], [1]), ...el([0x86], text('V_VP8'))])]),
    ...el([0x1f, 0x43, 0xb6, 0x75], [...el([0xe7], [0]), ...el([0xa3], [0x81, 0, 0, 0x80, 1, 2, 3, 4])], true),
  ], true),
]);

/** The Duration in the file's Info (0x4489, an 8-byte float in TimecodeScale units), if it has one. */
function durationIn(bytes: Uint8Array): number | null {
  for (let i = 0; i + 11 <= bytes.length; i++) {
    if (bytes[i] === 0x44 && bytes[i + 1] === 0x89 && bytes[i + 2] === 0x88) return new DataView(bytes.buffer, bytes.byteOffset + i + 3, 8).getFloat64(0);
  }
  return null;
}

const bytesOf = (blob: Blob) =>
  new Promise<Uint8Array>((resolve) => {
    const reader = new FileReader();
    reader.onloadend = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.readAsArrayBuffer(blob);
  });

/** MediaRecorder as Chromium's behaves here: the WebM arrives in chunks, the last when it stops. */
class FakeMediaRecorder {
  static isTypeSupported = () => true;
  state: RecordingState = 'inactive';
  ondataavailable: ((event: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  start() {
    this.state = 'recording';
  }
  stop() {
    this.state = 'inactive';
    this.ondataavailable?.({ data: new Blob([RECORDED.slice(0, 40)]) });
    this.ondataavailable?.({ data: new Blob([RECORDED.slice(40)]) });
    this.onstop?.();
  }
}

beforeEach(() => {
  vi.stubGlobal('MediaRecorder', FakeMediaRecorder);
  const g = { drawImage: () => {}, fillRect: () => {}, fillText: () => {}, fillStyle: '', font: '' };
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(g as unknown as CanvasRenderingContext2D);
  Object.assign(HTMLCanvasElement.prototype, { captureStream: () => ({ getTracks: () => [] }) });
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('a pack video as it is stored', () => {
  it('carries its length in the WebM, so a clip copied out of Packdesk shows its length and seeks in any player', async () => {
    expect(durationIn(RECORDED)).toBeNull();
    let clock = Date.parse('2026-03-01T08:00:00.000Z');
    const clips: FinishedClip[] = [];
    const finished = new Promise<void>((resolve) => {
      const recorder = createPackRecorder({
        openCamera: () => Promise.resolve({ getTracks: () => [] } as unknown as MediaStream),
        onClip: (clip) => (clips.push(clip), resolve()),
        onError: (error) => {
          throw error;
        },
        onTake: (order) => {
          if (!order) return;
          clock += 12_345;
          recorder.follow(null); // shipped
        },
        now: () => new Date(clock),
      });
      recorder.follow({ id: 'taobao:1', externalId: '1' });
    });
    await finished;

    expect(clips[0]).toMatchObject({ durationMs: 12_345 });
    expect(durationIn(await bytesOf(clips[0]!.blob))).toBe(12_345);
  });
});
