/**
 * MediaRecorder streams its WebM and never goes back to write the Duration into the header, so
 * Chromium reports Infinity for a clip: no total time, a bar that runs ahead, no seeking. Asking
 * for a time past the end makes Chromium read to the end and learn the length; the player then
 * goes back to where it should be (`backTo`: 0, or a scan clicked meanwhile).
 *
 * A clip recorded now has its Duration written before it is stored (pack-recorder.ts); clips
 * stored before (named by their SHA-256, copied to the hub, never rewritten) are mended here.
 * Call it once the metadata is loaded; it settles with the duration.
 */
export function revealDuration(video: HTMLVideoElement, backTo: () => number = () => 0): Promise<number> {
  if (Number.isFinite(video.duration)) return Promise.resolve(video.duration);
  return new Promise((resolve) => {
    const known = () => {
      if (!Number.isFinite(video.duration)) return;
      video.removeEventListener('durationchange', known);
      video.removeEventListener('timeupdate', known);
      video.currentTime = backTo();
      resolve(video.duration);
    };
    video.addEventListener('durationchange', known);
    video.addEventListener('timeupdate', known);
    video.currentTime = Number.MAX_SAFE_INTEGER;
  });
}
