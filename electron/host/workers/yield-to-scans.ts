/**
 * Lets the event loop run (pending RPCs such as a scan, timers, I/O) before long main-thread work
 * goes on with its next slice: an import's writes, a sync catch-up's pages. setImmediate, not a
 * timer: when nothing waits it costs microseconds, not a millisecond.
 */
export const yieldToScans = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A packer scans every second or two: this long after a scan, the bench counts as in use. */
const SCANNING_MS = 5000;
/** When the last scan came (ms since the epoch), in memory shared with the import's worker thread. */
export const scanClock = new Float64Array(new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT));
scanClock[0] = Number.NEGATIVE_INFINITY;
const now = () => performance.timeOrigin + performance.now();

/** The station took a scan (a pack or a courier handover, any scanner): bulk work keeps to short slices for a while. */
export function scanArrived(): void {
  scanClock[0] = now();
}

/** The station took a scan in the last few seconds (a packer or a courier handover is at work); `clock` is {@link scanClock} in a worker. */
export const benchScanning = (clock: Float64Array = scanClock): boolean => now() - clock[0]! < SCANNING_MS;

/**
 * How long one slice of bulk work may hold the main thread (and the database's write lock): 1 ms
 * while a packer is scanning, so a scan waits behind one at most; 25 ms when the bench is quiet,
 * where the commit each slice costs (its pages rewritten to the WAL) would otherwise take most
 * of an import's time. The first scan after a quiet spell may wait one long slice.
 */
export function sliceBudgetMs(clock: Float64Array = scanClock): number {
  return benchScanning(clock) ? 1 : 25;
}

let lastBulkSlice = Number.NEGATIVE_INFINITY;

/** A slice of bulk work (an import's writes, a pulled page) was committed. */
export function bulkSliceRan(): void {
  lastBulkSlice = performance.now();
}

/** Bulk work is under way: a slice was committed in the last half second. */
export const bulkWorkRunning = (): boolean => performance.now() - lastBulkSlice < 500;
