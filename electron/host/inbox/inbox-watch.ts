import type { InboxCounts } from '#shared/contract/inbox.contract';

/**
 * Tells the windows when the inbox's counts change (the top bar's badge). Anything that may change
 * them (an op recorded here, entries pulled, a sync round) touches it; the counts are read once
 * after a short pause and sent only when they differ. A timer catches what time alone changes (an
 * order's deadline coming near).
 */
export function watchInbox(counts: () => InboxCounts, emit: (counts: InboxCounts) => void, options: { pauseMs?: number; everyMs?: number } = {}) {
  let last: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const run = () => {
    timer = null;
    if (stopped) return;
    const now = counts();
    const text = JSON.stringify(now);
    if (text === last) return;
    last = text;
    emit(now);
  };
  const touch = () => {
    if (timer || stopped) return;
    timer = setTimeout(run, options.pauseMs ?? 300);
    timer.unref?.();
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
