import { create } from 'zustand';
import type { ClipUsage } from '#shared/contract/media.contract';
import type { BenchState } from '#shared/contract/bench.contract';
import { msg, type Message } from '#shared/i18n/message';
import { attachmentsAvailable, uploadClip } from '../../api/attachments';
import { getApi } from '../../api/client';
import { cameraProblem } from '../media/camera-problem';
import { createPackRecorder, type PackRecorder } from './pack-recorder';

type PackVideoStore = {
  /** The order on tape, by its platform id: set when the camera really records it. */
  recording: string | null;
  /** What went wrong last (the camera, or saving a clip), for the bench to say. */
  error: Message | null;
  usage: ClipUsage | null;
  /** Clips handed to the host since this page opened (the e2e waits on it). */
  uploaded: number;
  /** Turns recording on or off with the bench's setting. */
  enable(on: boolean): void;
  /** The bench's state changed: record the open order until it ships or another opens. */
  follow(state: BenchState): void;
  refreshUsage(): Promise<void>;
};

let recorder: PackRecorder | null = null;

/** The order a recording follows: the open one, until it is complete and a parcel of it is committed. */
const orderOnTape = (state: BenchState) =>
  state.order && !(state.complete && state.shipments.some((s) => !s.voidedAt)) ? { id: state.order.id, externalId: state.order.externalId } : null;

export const usePackVideoStore = create<PackVideoStore>()((set, get) => ({
  recording: null,
  error: null,
  usage: null,
  uploaded: 0,
  enable(on) {
    if (!on || !attachmentsAvailable()) {
      recorder?.close();
      recorder = null;
      set({ recording: null });
      return;
    }
    recorder ??= createPackRecorder({
      openCamera: () => navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 }, audio: false }),
      onError: (error) => set({ error: msg('media.cameraOff', { reason: cameraProblem(error) }), recording: null }),
      onTake: (order) => set({ recording: order?.externalId ?? null }),
      onClip: (clip) => {
        // After the order, on its own time: a failed upload is said at the bench, never blocks a scan.
        uploadClip(clip.blob, { orderId: clip.order.id, startedAt: clip.startedAt, endedAt: clip.endedAt, durationMs: clip.durationMs }).then(
          () => {
            set({ uploaded: get().uploaded + 1, error: null });
            void get().refreshUsage();
          },
          (error: unknown) => set({ error: msg('media.uploadFailed', { reason: error instanceof Error ? error.message : String(error) }) }),
        );
      },
    });
    void get().refreshUsage();
  },
  follow(state) {
    if (!recorder) return;
    recorder.follow(orderOnTape(state));
  },
  async refreshUsage() {
    try {
      set({ usage: await getApi().call('clips.usage', {}) });
    } catch {
      // The warning is a courtesy; the next clip asks again.
    }
  },
}));
