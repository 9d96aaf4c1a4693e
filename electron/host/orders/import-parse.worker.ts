import { parentPort } from 'node:worker_threads';
import { AppError } from '#shared/contract/errors';
import { parseImport, type ParseRequest } from './import-parse';
import type { ParseReply } from './import-parse.client';

/**
 * The import's parse worker: one request at a time, answered with progress, the validated orders
 * in batches (each a small message, so the main thread never spends long taking one in) and the
 * outcome, or the failure as the AppError the caller rethrows.
 */
const port = parentPort;
if (!port) throw new Error('import-parse.worker runs as a worker thread');
const post = (reply: ParseReply) => port.postMessage(reply);

port.on('message', (req: ParseRequest & { files: { name: string; bytes: Uint8Array }[] }) => {
  const files = req.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength) }));
  parseImport({ ...req, files }, {
    progress: (done, total) => post({ t: 'progress', done, total }),
    orders: (batch) => post({ t: 'orders', batch }),
  }).then(
    (outcome) => post({ t: 'done', outcome }),
    (error: unknown) => post({
      t: 'failed',
      error: error instanceof AppError ? { app: error.toShape() } : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
    }),
  );
});
