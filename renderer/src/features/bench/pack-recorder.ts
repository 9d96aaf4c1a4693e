import fixWebmDuration from 'fix-webm-duration';
import { formatStamp } from '../../lib/format';

/**
 * 验货录像: the bench camera records each order from open to ship or to the next order. The frame
 * is drawn onto a canvas with the order id and the time burned in, and the canvas is recorded
 * (WebM), so the proof survives any player. `follow` is synchronous and never awaited by the
 * scan path: the camera opens, the recorder stops and the clip uploads on their own time.
 */
export type RecordedOrder = { id: string; externalId: string };
export type FinishedClip = { order: RecordedOrder; blob: Blob; startedAt: string; endedAt: string; durationMs: number };

export type PackRecorderDeps = {
  openCamera: () => Promise<MediaStream>;
  onClip: (clip: FinishedClip) => void;
  onError: (error: unknown) => void;
  /** The order now on tape (null: none), once the camera really records or has stopped. */
  onTake?: (order: RecordedOrder | null) => void;
  now?: () => Date;
  /** Frames per second drawn and recorded: 10 shows hands and items, at a fraction of the disk. */
  fps?: number;
};

const WIDTH = 640;
const HEIGHT = 360;

type Take = { order: RecordedOrder; recorder: MediaRecorder; chunks: Blob[]; started: Date; timer: ReturnType<typeof setInterval> };

export function createPackRecorder(deps: PackRecorderDeps) {
  const now = deps.now ?? (() => new Date());
  const fps = deps.fps ?? 10;
  let camera: Promise<HTMLVideoElement> | null = null;
  let take: Take | null = null;
  /** The order the bench wants on tape: a camera that opens late starts on this one, not an old one. */
  let wanted: RecordedOrder | null = null;

  function video(): Promise<HTMLVideoElement> {
    camera ??= deps.openCamera().then(async (stream) => {
      const element = document.createElement('video');
      element.muted = true;
      element.playsInline = true;
      element.srcObject = stream;
      await element.play();
      return element;
    });
    camera.catch((error: unknown) => {
      camera = null;
      deps.onError(error);
    });
    return camera;
  }

  function start(order: RecordedOrder, source: HTMLVideoElement): void {
    const canvas = document.createElement('canvas');
    canvas.width = WIDTH;
    canvas.height = HEIGHT;
    const g = canvas.getContext('2d');
    if (!g) return deps.onError(new Error('no 2d canvas'));
    const draw = () => {
      g.drawImage(source, 0, 0, WIDTH, HEIGHT);
      g.fillStyle = 'rgba(0, 0, 0, 0.6)';
      // At the top: a player's controls cover the bottom of the frame.
      g.fillRect(0, 0, WIDTH, 34);
      g.fillStyle = '#fff';
      g.font = '20px monospace';
      g.fillText(`${order.externalId}  ${formatStamp(now())}`, 10, 24);
    };
    draw();
    const stream = canvas.captureStream(fps);
    const mimeType = ['video/webm;codecs=vp8', 'video/webm'].find((m) => MediaRecorder.isTypeSupported(m)) ?? 'video/webm';
    const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 500_000 });
    const current: Take = { order, recorder, chunks: [], started: now(), timer: setInterval(draw, 1000 / fps) };
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) current.chunks.push(event.data);
    };
    recorder.onstop = () => {
      clearInterval(current.timer);
      stream.getTracks().forEach((t) => t.stop());
      const ended = now();
      const durationMs = ended.getTime() - current.started.getTime();
      const recorded = new Blob(current.chunks, { type: 'video/webm' });
      // MediaRecorder never writes the Duration into the WebM: written here, before the clip is
      // stored, so a clip copied out of Packdesk shows its length and seeks in any player.
      void fixWebmDuration(recorded, durationMs, { logger: false })
        .catch(() => recorded)
        .then((blob) => deps.onClip({ order: current.order, blob, startedAt: current.started.toISOString(), endedAt: ended.toISOString(), durationMs }));
    };
    recorder.start(1000);
    take = current;
    deps.onTake?.(order);
  }

  function stop(): void {
    const current = take;
    take = null;
    if (current && current.recorder.state !== 'inactive') current.recorder.stop();
    if (current) deps.onTake?.(null);
  }

  return {
    /** The bench's order now: null (none, or shipped) stops; another order stops this and starts that. */
    follow(order: RecordedOrder | null): void {
      if (take && take.order.id === order?.id) return;
      wanted = order;
      stop();
      if (!order) return;
      void video().then((source) => {
        if (wanted?.id === order.id && !take) start(order, source);
      }, () => undefined);
    },
    recording: () => take?.order ?? null,
    /** Stops the take and lets go of the camera (the setting was turned off, the page closes). */
    close(): void {
      wanted = null;
      stop();
      void camera?.then((v) => (v.srcObject as MediaStream | null)?.getTracks().forEach((t) => t.stop()), () => undefined);
      camera = null;
    },
  };
}
export type PackRecorder = ReturnType<typeof createPackRecorder>;
