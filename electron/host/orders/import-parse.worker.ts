import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { AppError } from '#shared/contract/errors';
import { parseImport } from './import-parse';
import type { ParseReply, ParseAsk } from './import-parse.client';
import { writeImport } from './import-write';

/**
 * The import's worker: one import at a time. It parses the whole file and answers with the
 * outcome; told to write, it writes the orders into the station's database on its own connection
 * (import-write.ts) and answers with the counts; a failure comes back as the AppError the caller
 * rethrows. It runs at the lowest CPU priority: on a two-core bench PC the packer's scans come first.
 */
const port = parentPort;
if (!port) throw new Error('import-parse.worker runs as a worker thread');
// On Linux a thread's nice value is its own (elsewhere it would lower the whole app's).
if (process.platform === 'linux') setPriority(19);
const post = (reply: ParseReply) => port.postMessage(reply);
const failed = (error: unknown) => post({
  t: 'failed',
  error: error instanceof AppError ? { app: error.toShape() } : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
});
let parsed: Awaited<ReturnType<typeof parseImport>> | null = null;

port.on('message', (ask: ParseAsk) => {
  if (ask.t === 'parse') {
    parsed = null;
    const files = ask.req.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength) }));
    parseImport({ ...ask.req, files }, { progress: (done, total) => post({ t: 'progress', done, total }) }).then(
      (done) => {
        parsed = done;
        post({ t: 'parsed', outcome: done.outcome });
      },
      failed,
    );
  } else if (ask.t === 'write') {
    try {
      const written = writeImport(ask.req, parsed ?? { payloads: { next: () => [] }, unbound: [] }, {
        ask: () => post({ t: 'turn' }),
        wrote: (done) => post({ t: 'wrote', done }),
      });
      post({ t: 'written', written });
    } catch (error) {
      failed(error);
    } finally {
      // The parsed file is not kept until the next import.
      parsed = null;
    }
  } else {
    parsed = null;
  }
});
