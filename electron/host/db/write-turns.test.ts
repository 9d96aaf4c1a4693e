import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { Db } from './open-database';
import { inTurn, newTurns, shareWrites } from './write-turns';

/**
 * The import's worker and the bench's main thread take turns at the database through shared
 * memory. A real worker thread holds a slice here: the main thread's write waits for it to let go
 * (not the other way round), the worker sees the write waiting, and a slice starts only once the
 * main thread granted it.
 */
const WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const { createJiti } = require(workerData.jiti);
  createJiti(workerData.source).import(workerData.source).then(({ bulkTurns }) => {
    const turns = bulkTurns(workerData.turns);
    const log = new Int32Array(workerData.log);
    turns.take(() => parentPort.postMessage('turn?'));
    parentPort.postMessage('holding');
    // Hold the slice until the main thread's write is waiting for it.
    const until = Date.now() + 10_000;
    while (!turns.wanted() && Date.now() < until);
    Atomics.store(log, 0, turns.wanted() ? 1 : 0);
    Atomics.store(log, 1, Atomics.add(log, 3, 1) + 1);
    turns.release();
  });`;

describe('write turns', () => {
  it('has a main-thread write wait for the worker slice in progress, which sees it waiting; a slice starts only when granted', async () => {
    const db = {} as Db;
    const turns = newTurns();
    const sharing = shareWrites(db, turns);
    // [0] the worker saw the write waiting, [1] the step at which it let go, [2] the step at which the main write ran, [3] steps.
    const log = new Int32Array(new SharedArrayBuffer(4 * 4));
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { turns, log: log.buffer, source: fileURLToPath(new URL('./write-turns.ts', import.meta.url)), jiti: require.resolve('jiti') },
    });
    try {
      let granted = false;
      await new Promise<void>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (m: string) => {
          if (m === 'turn?') {
            // Not granted at once: the worker must not hold the database before this.
            setTimeout(() => {
              granted = true;
              sharing.grant();
            }, 50);
          } else if (m === 'holding') {
            expect(granted).toBe(true);
            inTurn(db, () => Atomics.store(log, 2, Atomics.add(log, 3, 1) + 1));
            resolve();
          }
        });
      });
      expect(Atomics.load(log, 0)).toBe(1);
      expect(Atomics.load(log, 1)).toBe(1);
      expect(Atomics.load(log, 2)).toBe(2);
    } finally {
      sharing.end();
      await worker.terminate();
    }
  });

  it('lets a main-thread write run at once, and inside another, when no worker writes', () => {
    const db = {} as Db;
    expect(inTurn(db, () => inTurn(db, () => 'written'))).toBe('written');
    const sharing = shareWrites(db, newTurns());
    expect(inTurn(db, () => inTurn(db, () => 'nested'))).toBe('nested');
    sharing.end();
  });
});
