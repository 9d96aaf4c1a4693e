import type { Worker } from 'node:worker_threads';
import { AppError, type AppErrorShape } from '#shared/contract/errors';
import { startWorker } from '../workers/worker-thread';
import { yieldToScans } from '../workers/yield-to-scans';
import type { ParseOutcome, ParseRequest } from './import-parse';
import type { Written, WriteRequest } from './import-write';

/** What the main thread asks the import's worker: parse a file, write it, or drop it. */
export type ParseAsk = { t: 'parse'; req: ParseRequest } | { t: 'write'; req: WriteRequest } | { t: 'drop' };
/** What the worker answers: progress then parsed (or failed); while writing, a turn asked per slice and progress, then the counts. */
export type ParseReply =
  | { t: 'progress'; done: number; total: number }
  | { t: 'parsed'; outcome: ParseOutcome }
  | { t: 'turn' }
  | { t: 'wrote'; done: number }
  | { t: 'written'; written: Written }
  | { t: 'failed'; error: { app: AppErrorShape } | { message: string } };

/** What the main thread does while the worker writes: grant each slice its turn, hear how far it got. */
export type WriteWatch = { grant(): void; wrote(done: number): void };

/** A parsed import: its outcome; `write` has the worker write its orders (once), `close` gives it up. */
export type ParsedImport = {
  outcome: ParseOutcome;
  write(req: WriteRequest, watch: WriteWatch): Promise<Written>;
  /** Lets the worker go on to the next import (after the write, or to give up the file). */
  close(): void;
};

const COPY_SLICE = 256 * 1024;

/**
 * The file's bytes in memory the worker shares, copied a slice at a time with the event loop let
 * run between slices: posting a 56 MB Buffer (a structured clone) held the main thread for
 * 200 ms–1 s on a loaded PC (measured), and so would one big copy.
 */
async function shared(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const into = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  for (let at = 0; at < bytes.byteLength; at += COPY_SLICE) {
    into.set(bytes.subarray(at, at + COPY_SLICE), at);
    await yieldToScans();
  }
  return into;
}

type Deferred<T> = { resolve(v: T): void; reject(e: unknown): void };

/**
 * The main thread's side of the import's worker. The worker starts with the first import and
 * stays, idle and not keeping the process alive, for the next (it holds no data between imports,
 * so every host of the process shares it); imports are parsed and written one after another, each
 * until its caller closes it. A worker that dies
 * takes its import with it (the import fails; what was written stays, each order with its op)
 * and the next import starts a new one.
 */
let worker: Worker | null = null;
let queue: Promise<unknown> = Promise.resolve();

export function createImportParser() {

  function run(req: ParseRequest, progress: (done: number, total: number) => void, finished: () => void): Promise<ParsedImport> {
    const w = (worker ??= startWorker(import.meta.url, './import-parse.worker.ts', 'import-worker'));
    // Idle between imports: it must not keep a CLI command or a test process alive.
    w.ref();
    let parsed: Deferred<ParsedImport> | null = null;
    let writing: (Deferred<Written> & WriteWatch) | null = null;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      w.unref();
      finished();
    };
    const fail = (error: unknown) => {
      end();
      parsed?.reject(error);
      writing?.reject(error);
    };
    const reader = (outcome: ParseOutcome): ParsedImport => ({
      outcome,
      write: (req, watch) => new Promise<Written>((resolve, reject) => {
        if (ended) return reject(new Error('the import was closed before its write'));
        writing = { resolve, reject, ...watch };
        w.postMessage({ t: 'write', req } satisfies ParseAsk);
      }),
      close() {
        if (!ended) w.postMessage({ t: 'drop' } satisfies ParseAsk);
        end();
      },
    });
    const onMessage = (reply: ParseReply) => {
      if (reply.t === 'turn') writing?.grant();
      else if (reply.t === 'wrote') writing?.wrote(reply.done);
      else if (reply.t === 'progress') progress(reply.done, reply.total);
      else if (reply.t === 'parsed') {
        parsed?.resolve(reader(reply.outcome));
        parsed = null;
      } else if (reply.t === 'written') {
        writing?.resolve(reply.written);
        writing = null;
      } else {
        const e = reply.error;
        fail('app' in e ? new AppError(e.app.code, e.app.msg, e.app.details) : new Error(`import parse worker: ${e.message}`));
      }
    };
    const onError = (error: Error) => {
      worker = null;
      void w.terminate();
      fail(error);
    };
    const onExit = (code: number) => {
      worker = null;
      fail(new Error(`import parse worker exited (${code})`));
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    return new Promise<ParsedImport>((resolve, reject) => {
      parsed = { resolve, reject };
      w.postMessage({ t: 'parse', req } satisfies ParseAsk);
    });
  }

  return {
    /** Parses the files in the worker; the caller may have it write them, and must close what it got. */
    async parse(req: ParseRequest, progress: (done: number, total: number) => void): Promise<ParsedImport> {
      const files: ParseRequest['files'] = [];
      for (const f of req.files) files.push({ name: f.name, bytes: await shared(f.bytes) });
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const slot = queue.then(() => run({ ...req, files }, progress, release));
      queue = slot.then(() => released, () => undefined);
      return slot;
    },
    /** Ends the worker now (a test of a dying worker; a process that exits needs not call it). */
    terminate(): void {
      void worker?.terminate();
      worker = null;
    },
  };
}
export type ImportParser = ReturnType<typeof createImportParser>;
