import type { Worker } from 'node:worker_threads';
import { AppError, type AppErrorShape } from '#shared/contract/errors';
import { startWorker } from '../workers/worker-thread';
import { yieldToScans } from '../workers/yield-to-scans';
import type { ParseOutcome, ParseRequest, ValidatedOrder } from './import-parse';

/** What the parse worker posts back, in this order: progress and order batches, then one of done/failed. */
export type ParseReply =
  | { t: 'progress'; done: number; total: number }
  | { t: 'orders'; batch: ValidatedOrder[] }
  | { t: 'done'; outcome: ParseOutcome }
  | { t: 'failed'; error: { app: AppErrorShape } | { message: string } };

export type ParsedImport = ParseOutcome & { orders: ValidatedOrder[] };

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

/**
 * The main thread's side of the import's parse worker. The worker starts with the first import
 * and stays, idle and not keeping the process alive, for the next (it holds no data between
 * imports, so every host of the process shares it); imports are parsed one after another. A worker
 * that dies takes its import with it (the import fails, nothing was written) and the next import
 * starts a new one.
 */
let worker: Worker | null = null;
let queue: Promise<unknown> = Promise.resolve();

export function createImportParser() {

  function run(req: ParseRequest, progress: (done: number, total: number) => void): Promise<ParsedImport> {
    const w = (worker ??= startWorker(import.meta.url, './import-parse.worker.ts', 'import-worker'));
    // Idle between imports: it must not keep a CLI command or a test process alive.
    w.unref();
    w.ref();
    const orders: ValidatedOrder[] = [];
    return new Promise<ParsedImport>((resolve, reject) => {
      const done = () => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        w.unref();
      };
      const onMessage = (reply: ParseReply) => {
        if (reply.t === 'progress') progress(reply.done, reply.total);
        else if (reply.t === 'orders') for (const o of reply.batch) orders.push(o);
        else if (reply.t === 'done') {
          done();
          resolve({ ...reply.outcome, orders });
        } else {
          done();
          const e = reply.error;
          reject('app' in e ? new AppError(e.app.code, e.app.msg, e.app.details) : new Error(`import parse worker: ${e.message}`));
        }
      };
      const onError = (error: Error) => {
        done();
        worker = null;
        void w.terminate();
        reject(error);
      };
      const onExit = (code: number) => {
        done();
        worker = null;
        reject(new Error(`import parse worker exited (${code})`));
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage(req);
    });
  }

  return {
    async parse(req: ParseRequest, progress: (done: number, total: number) => void): Promise<ParsedImport> {
      const files: ParseRequest['files'] = [];
      for (const f of req.files) files.push({ name: f.name, bytes: await shared(f.bytes) });
      const next = queue.then(() => run({ ...req, files }, progress));
      queue = next.catch(() => undefined);
      return next;
    },
    /** Ends the worker now (a test of a dying worker; a process that exits needs not call it). */
    terminate(): void {
      void worker?.terminate();
      worker = null;
    },
  };
}
export type ImportParser = ReturnType<typeof createImportParser>;
