/**
 * Lets the event loop run (pending RPCs such as a scan, timers, I/O) before long main-thread work
 * goes on with its next slice: an import's writes, a sync catch-up's pages. setImmediate, not a
 * timer: when nothing waits it costs microseconds, not a millisecond.
 */
export const yieldToScans = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
