import { parentPort } from 'node:worker_threads';
import { AppError } from '#shared/contract/errors';
import { parseImport, type PayloadSource } from './import-parse';
import type { ParseReply, ParseAsk } from './import-parse.client';

/**
 * The import's parse worker: one import at a time. It parses the whole file and answers with the
 * outcome, then builds the validated payloads a batch at a time as the writer asks for them (each
 * a small message, so the main thread never spends long taking one in), until the writer says it
 * is done; a failure comes back as the AppError the caller rethrows.
 */
const port = parentPort;
if (!port) throw new Error('import-parse.worker runs as a worker thread');
const post = (reply: ParseReply) => port.postMessage(reply);
const failed = (error: unknown) => post({
  t: 'failed',
  error: error instanceof AppError ? { app: error.toShape() } : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
});
let payloads: PayloadSource | null = null;

port.on('message', (ask: ParseAsk) => {
  if (ask.t === 'parse') {
    payloads = null;
    const files = ask.req.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength) }));
    parseImport({ ...ask.req, files }, { progress: (done, total) => post({ t: 'progress', done, total }) }).then(
      (parsed) => {
        payloads = parsed.payloads;
        post({ t: 'parsed', outcome: parsed.outcome });
      },
      failed,
    );
  } else if (ask.t === 'next') {
    try {
      const batch = payloads?.next(ask.max) ?? [];
      // All handed over: the parsed file is not kept until the next import.
      if (batch.length === 0) payloads = null;
      post({ t: 'orders', batch });
    } catch (error) {
      failed(error);
    }
  } else {
    payloads = null;
  }
});
