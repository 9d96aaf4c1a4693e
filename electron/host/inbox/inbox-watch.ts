import type { InboxCounts } from '#shared/contract/inbox.contract';

/**
 * Tells the windows when the inbox's counts change (the top bar's badge). Anything that may change
 * them (an op recorded here, entries pulled, a sync round) touches it; the counts are read once
 * after a short pause and sent only when they differ. A timer catches what time alone changes (an
 * order's deadline coming near).
 */
export function watchInbox(
  counts: () => InboxCounts,
  emit: (counts: InboxCounts) => void,
  options: { pauseMs?: number; everyMs?: number; holdWhile?: () => boolean; maxHoldMs?: number } = {},
) {
  const pauseMs = options.pauseMs ?? 300;
  let last: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let heldSince: number | null = null;
  let stopped = false;
  const later = () => {
    timer = setTimeout(run, pauseMs);
    timer.unref?.();
  };
  const run = () => {
    timer = null;
    if (stopped) return;
    // Counting reads many rows (~3–5 ms while an import brings in thousands of orders): while
    // `holdWhile` says so (a packer scans beside an import), it waits, up to maxHoldMs.
    if (options.holdWhile?.()) {
      heldSince ??= Date.now();
      if (Date.now() - heldSince < (options.maxHoldMs ?? 3000)) return later();
    }
    heldSince = null;
    const now = counts();
    const text = JSON.stringify(now);
    if (text === last) return;
    last = text;
    emit(now);
  };
  const touch = () => {
    if (timer || stopped) return;
    later();
  };
  const tick = setInterval(touch, options.everyMs ?? 60_000);
  tick.unref?.();
  return {
    touch,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      clearInterval(tick);
    },
  };
}
