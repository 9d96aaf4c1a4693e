import type { Worker } from 'node:worker_threads';
import { AppError, type AppErrorShape } from '#shared/contract/errors';
import { startWorker } from '../workers/worker-thread';
import { benchScanning, yieldToScans } from '../workers/yield-to-scans';
import type { ParseOutcome, ParseRequest, ValidatedOrder } from './import-parse';

/** What the writer asks the parse worker: parse a file, the next payloads, or drop what is left. */
export type ParseAsk = { t: 'parse'; req: ParseRequest } | { t: 'next'; max: number } | { t: 'drop' };
/** What the worker answers: progress then parsed (or failed); then one batch per `next` (empty: no more). */
export type ParseReply =
  | { t: 'progress'; done: number; total: number }
  | { t: 'parsed'; outcome: ParseOutcome }
  | { t: 'orders'; batch: ValidatedOrder[] }
  | { t: 'failed'; error: { app: AppErrorShape } | { message: string } };

/** A parsed import: its outcome and its validated orders in file order, a batch per `next` (empty: all read). */
export type ParsedImport = {
  outcome: ParseOutcome;
  next(): Promise<ValidatedOrder[]>;
  /** Lets the worker go on to the next import (after the last batch, or to give up the rest). */
  close(): void;
};

const COPY_SLICE = 256 * 1024;
/**
 * Orders per batch. Taking a message in holds the main thread while it is deserialised: ~5 ms for
 * 1,024 orders (~1 MB, measured), too long while a packer scans; at a quiet bench fewer, larger
 * messages cost less.
 */
const batchSize = () => (benchScanning() ? 128 : 1024);

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
 * The main thread's side of the import's parse worker. The worker starts with the first import
 * and stays, idle and not keeping the process alive, for the next (it holds no data between
 * imports, so every host of the process shares it); imports are parsed one after another, each
 * until its writer closes it. The worker stays one batch ahead of the writer. A worker that dies
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
    const asked: Deferred<ValidatedOrder[]>[] = [];
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
      for (const a of asked.splice(0)) a.reject(error);
    };
    const ask = (): Promise<ValidatedOrder[]> => new Promise((resolve, reject) => {
      if (ended) return resolve([]);
      asked.push({ resolve, reject });
      w.postMessage({ t: 'next', max: batchSize() } satisfies ParseAsk);
    });
    let ahead: Promise<ValidatedOrder[]> | null = null;
    const reader = (outcome: ParseOutcome): ParsedImport => ({
      outcome,
      next() {
        const batch = ahead ?? ask();
        ahead = ask();
        // Nothing else to read once a batch comes back empty.
        void batch.then((b) => b.length === 0 && end(), () => undefined);
        return batch;
      },
      close() {
        if (!ended) w.postMessage({ t: 'drop' } satisfies ParseAsk);
        end();
      },
    });
    const onMessage = (reply: ParseReply) => {
      if (reply.t === 'progress') progress(reply.done, reply.total);
      else if (reply.t === 'parsed') {
        parsed?.resolve(reader(reply.outcome));
        parsed = null;
      } else if (reply.t === 'orders') asked.shift()?.resolve(reply.batch);
      else {
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
    /** Parses the files in the worker; the caller reads the batches and must close what it got. */
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
