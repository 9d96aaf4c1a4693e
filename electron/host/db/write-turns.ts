import type { Db } from './open-database';

/**
 * Who writes next when bulk work (an import's orders) writes from a worker thread with its own
 * connection while the main thread answers scans. SQLite has one writer at a time and a waiting
 * connection sleeps in steps of 1, 2, 5, 10… ms: far too coarse for a scan. So the two threads
 * share three words: which one holds the database (or neither), how many main-thread writes want
 * it, and whether the worker may start its next slice. The worker ends its slice as soon as a
 * write wants the database; the main thread waits for that on the words (microseconds), not in
 * SQLite's sleep.
 *
 * A slice of the worker starts only on the main thread's say (`grant`, answered from its event
 * loop): a main-thread write that does not take a turn (a plain statement) then meets at most the
 * slice in progress, in SQLite's own wait, and is never starved by slice after slice.
 */
const FREE = 0;
const BULK = 1;
const MAIN = 2;
const HOLDER = 0;
const WANTED = 1;
const GRANTED = 2;

export type TurnsBuffer = SharedArrayBuffer;

export const newTurns = (): TurnsBuffer => new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);

const active = new WeakMap<Db, Int32Array>();
/** Main-thread turns in progress (a transaction inside another runs in its turn). */
let depth = 0;

/** While bulk work writes from a worker, this database's main-thread transactions take turns with it. */
export function shareWrites(db: Db, turns: TurnsBuffer): { grant(): void; end(): void } {
  const words = new Int32Array(turns);
  active.set(db, words);
  return {
    /** The worker asked for its next slice (answered from the event loop: never while a main-thread write waits). */
    grant() {
      Atomics.store(words, GRANTED, 1);
      Atomics.notify(words, GRANTED);
    },
    end: () => active.delete(db),
  };
}

/** Runs a main-thread write (a scan's transaction) in its turn: at once when no bulk work writes beside it. */
export function inTurn<T>(db: Db, work: () => T): T {
  const words = active.get(db);
  if (!words || depth > 0) return work();
  depth++;
  Atomics.add(words, WANTED, 1);
  try {
    // The worker commits and lets go within one order's write. A worker that died mid-slice never
    // lets go: after a second the write goes ahead under SQLite's own lock (the dead connection's
    // transaction is rolled back when its thread ends).
    const giveUp = performance.now() + 1000;
    let held = false;
    while (!(held = Atomics.compareExchange(words, HOLDER, FREE, MAIN) === FREE) && performance.now() < giveUp) Atomics.wait(words, HOLDER, BULK, 50);
    try {
      return work();
    } finally {
      if (held) Atomics.store(words, HOLDER, FREE);
    }
  } finally {
    depth--;
    Atomics.sub(words, WANTED, 1);
    Atomics.notify(words, HOLDER);
  }
}

/** The worker's side. */
export function bulkTurns(turns: TurnsBuffer) {
  const words = new Int32Array(turns);
  return {
    /** Holds the database for one slice, once the main thread granted it (`ask` posted) and no main-thread write wants it. */
    take(ask: () => void): void {
      ask();
      while (Atomics.compareExchange(words, GRANTED, 1, 0) !== 1) Atomics.wait(words, GRANTED, 0, 50);
      for (;;) {
        if (Atomics.load(words, WANTED) === 0 && Atomics.compareExchange(words, HOLDER, FREE, BULK) === FREE) {
          if (Atomics.load(words, WANTED) === 0) return;
          Atomics.store(words, HOLDER, FREE);
          Atomics.notify(words, HOLDER);
        }
        Atomics.wait(words, HOLDER, Atomics.load(words, HOLDER), 5);
      }
    },
    /** A main-thread write is waiting: end the slice now. */
    wanted: (): boolean => Atomics.load(words, WANTED) > 0,
    release(): void {
      Atomics.store(words, HOLDER, FREE);
      Atomics.notify(words, HOLDER);
    },
  };
}
