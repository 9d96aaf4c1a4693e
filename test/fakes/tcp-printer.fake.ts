import { randomInt } from 'node:crypto';
import net from 'node:net';

/**
 * A label printer on port 9100 speaking raw TCP (hardware.md §7.1). The station sends only to the
 * raw printing ports 9100–9109, so each fake printer listens on 9100 of its own loopback address
 * (127.x.y.z: Linux answers on all of 127/8), as a real printer on its own IP would. It captures each
 * connection's bytes as a job, answers the TSPL <ESC>!? and ZPL ~HS status queries (and, as a
 * receipt printer, ESC/POS DLE EOT 2 and 4) sent at the start of a connection, and can misbehave the ways real printers do.
 *
 * - normal: reads the job and closes when the client does.
 * - refuse: nothing listens on the port (ECONNREFUSED).
 * - hang: accepts, then never reads, answers or closes (a wedged printer).
 * - reset-mid-job: answers status queries, then resets the connection on the first job bytes.
 */

export type FakePrinterMode = 'normal' | 'refuse' | 'hang' | 'reset-mid-job';

export type FakeTcpPrinter = {
  readonly host: string;
  readonly port: number;
  /** Job bytes per connection, without the status queries that preceded them (empty jobs omitted). */
  readonly jobs: Buffer[];
  /** Every byte received, one entry per connection, queries included. */
  readonly connections: Buffer[];
  /** How many status queries were answered. */
  readonly statusQueries: number;
  setMode(mode: FakePrinterMode): Promise<void>;
  /** The TSPL status byte (0 ready, 0x01 head open, 0x02 jam, 0x04 paper out, 0x10 paused…); null: no answer. */
  setStatus(status: number | null): void;
  /** The status the printer reports once the next job has arrived (a roll that runs out on this label). */
  setStatusAfterJob(status: number): void;
  /** As an ESC/POS receipt printer: the DLE EOT 2 (offline cause) and 4 (roll) answer bytes; null: it does not answer them. */
  setEscposStatus(bytes: [number, number] | null): void;
  /** Resolves with the n-th job (1-based) once that connection has closed. */
  waitForJob(n?: number, timeoutMs?: number): Promise<Buffer>;
  close(): Promise<void>;
};

const PRINTER_PORT = 9100;
const ESC_STATUS = Buffer.from([0x1b, 0x21, 0x3f]);
const ZPL_HS = Buffer.from('~HS', 'ascii');
const DLE_EOT_2 = Buffer.from([0x10, 0x04, 0x02]);
const DLE_EOT_4 = Buffer.from([0x10, 0x04, 0x04]);

/**
 * `status` is the TSPL status byte the printer reports; null makes a printer that does not speak
 * status queries at all, so the query bytes end up in its job like any other unknown command.
 */
export async function startFakeTcpPrinter(options: { status?: number | null; mode?: FakePrinterMode } = {}): Promise<FakeTcpPrinter> {
  let mode: FakePrinterMode = options.mode ?? 'normal';
  let status = options.status === undefined ? 0 : options.status;
  let queries = 0;
  let statusAfterJob: number | null = null;
  let escpos: [number, number] | null = null;
  const jobs: Buffer[] = [];
  const connections: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());

  const server = net.createServer((socket) => {
    sockets.add(socket);
    const index = connections.push(Buffer.alloc(0)) - 1;
    let pending = Buffer.alloc(0);
    let job: Buffer[] = [];
    let leading = status !== null;
    let reset = false;
    socket.on('error', () => undefined);
    if (mode === 'hang') {
      socket.pause();
      return;
    }
    socket.on('data', (chunk: Buffer) => {
      connections[index] = Buffer.concat([connections[index] ?? Buffer.alloc(0), chunk]);
      if (!leading) return void job.push(chunk);
      pending = Buffer.concat([pending, chunk]);
      // Status queries are answered only before the job starts: inside a job the same three bytes
      // can occur in BITMAP data.
      for (;;) {
        if (startsWith(pending, ESC_STATUS)) {
          socket.write(Buffer.from([(status ?? 0) & 0xff]));
        } else if (startsWith(pending, ZPL_HS)) {
          socket.write(hostStatus(status ?? 0));
        } else if (escpos && startsWith(pending, DLE_EOT_2)) {
          socket.write(Buffer.from([escpos[0]]));
        } else if (escpos && startsWith(pending, DLE_EOT_4)) {
          socket.write(Buffer.from([escpos[1]]));
        } else break;
        queries++;
        pending = pending.subarray(3);
      }
      if (pending.length === 0 || isPrefixOfQuery(pending)) return;
      leading = false;
      job = [pending];
      if (mode === 'reset-mid-job') {
        reset = true;
        socket.resetAndDestroy();
      }
    });
    socket.on('end', () => {
      // Changed before this side closes, so the client's next question already hears it.
      if (statusAfterJob !== null && !leading && !reset) {
        status = statusAfterJob;
        statusAfterJob = null;
      }
      socket.end();
    });
    socket.on('close', () => {
      sockets.delete(socket);
      const bytes = Buffer.concat(job);
      if (bytes.length > 0 && !reset) jobs.push(bytes);
      notify();
    });
  });

  let host = '127.0.0.1';
  const listen = () => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(PRINTER_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const stop = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });

  for (let attempt = 1; ; attempt++) {
    host = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
    try {
      await listen();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw error;
    }
  }
  if (mode === 'refuse') await stop();

  return {
    host,
    port: PRINTER_PORT,
    jobs,
    connections,
    get statusQueries() {
      return queries;
    },
    async setMode(next) {
      if (next === 'refuse' && mode !== 'refuse') await stop();
      if (next !== 'refuse' && mode === 'refuse') await listen();
      mode = next;
    },
    setStatus(next) {
      status = next;
    },
    setStatusAfterJob(next) {
      statusAfterJob = next;
    },
    setEscposStatus(next) {
      escpos = next;
    },
    waitForJob(n = 1, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const job = jobs[n - 1];
          if (!job) return;
          cleanup();
          resolve(job);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake printer: job ${n} not received within ${timeoutMs} ms (have ${jobs.length})`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: stop,
  };
}

function startsWith(buf: Buffer, prefix: Buffer): boolean {
  return buf.length >= prefix.length && buf.subarray(0, prefix.length).equals(prefix);
}

function isPrefixOfQuery(buf: Buffer): boolean {
  return [ESC_STATUS, ZPL_HS, DLE_EOT_2, DLE_EOT_4].some((q) => buf.length < q.length && q.subarray(0, buf.length).equals(buf));
}

/** A ~HS reply in Zebra's three-line format, with the flags the TSPL status byte stands for. */
function hostStatus(status: number): Buffer {
  const paperOut = status & 0x04 ? 1 : 0;
  const paused = status & 0x10 ? 1 : 0;
  const headUp = status & 0x01 ? 1 : 0;
  return Buffer.from(
    `\x02030,${paperOut},${paused},1200,000,0,0,0,000,0,0,0\x03\r\n` +
      `\x02001,0,${headUp},0,0,2,6,0,00000000,1,000\x03\r\n` +
      `\x021234,0\x03\r\n`,
    'latin1',
  );
}
