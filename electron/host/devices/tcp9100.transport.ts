import net from 'node:net';
import { AppError } from '#shared/contract/errors';
import type { PrinterStatus } from './printer.port';

/**
 * Raw TCP 9100 ("JetDirect"), the way almost every networked label printer takes jobs, plus the
 * status queries TSPL (<ESC>!?) and ZPL (~HS) answer on the same socket. Errors name host:port so
 * the packer can tell which printer to look at.
 */

export type Tcp9100Target = { host: string; port: number };

export type Tcp9100Timeouts = {
  /** A printer that does not accept within this is unreachable (wrong IP, powered off). */
  connectTimeoutMs: number;
  /** No bytes accepted for this long while sending: the printer has stalled. */
  idleTimeoutMs: number;
  /**
   * After the last byte is handed to the OS, how long to wait for the printer to close its side.
   * Many printers keep the socket open, so running out of grace is not an error.
   */
  closeGraceMs: number;
};

export const defaultTimeouts: Tcp9100Timeouts = { connectTimeoutMs: 3000, idleTimeoutMs: 10_000, closeGraceMs: 1000 };

/** One open connection to a printer. Always `destroy()` it, also after a failure. */
export type Tcp9100Connection = {
  /** Writes `bytes` and collects the reply until `complete` says it is whole; null on timeout with no reply. */
  request(bytes: Buffer, complete: (reply: Buffer) => boolean, timeoutMs: number): Promise<Buffer | null>;
  /** Sends the job, half-closes, and resolves with the byte count once the OS has it all. */
  send(data: Buffer): Promise<number>;
  destroy(): void;
};

export function openTcp9100(target: Tcp9100Target, timeouts: Partial<Tcp9100Timeouts> = {}): Promise<Tcp9100Connection> {
  const t = { ...defaultTimeouts, ...timeouts };
  const where = `${target.host}:${target.port}`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new AppError('DEVICE_UNAVAILABLE', `打印机 ${where} 连接超时 / printer at ${where} did not answer within ${t.connectTimeoutMs} ms`, { host: target.host, port: target.port }));
    }, t.connectTimeoutMs);
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(connectError(err, target));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      resolve(connection(socket, where, t));
    });
  });
}

function connection(socket: net.Socket, where: string, t: Tcp9100Timeouts): Tcp9100Connection {
  let incoming = Buffer.alloc(0);
  let onData: (() => void) | null = null;
  let failure: NodeJS.ErrnoException | null = null;
  let peerClosed = false;
  // Reading every byte the printer sends matters: closing a socket with unread data makes the OS
  // send RST, which can throw away the tail of the job still in flight.
  socket.on('data', (chunk: Buffer) => {
    incoming = Buffer.concat([incoming, chunk]);
    onData?.();
  });
  socket.on('error', (err: NodeJS.ErrnoException) => {
    failure = err;
    onData?.();
  });
  socket.on('close', () => {
    peerClosed = true;
    onData?.();
  });

  return {
    request(bytes, complete, timeoutMs) {
      incoming = Buffer.alloc(0);
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          onData = null;
          resolve(incoming.length > 0 ? incoming : null);
        };
        const timer = setTimeout(done, timeoutMs);
        onData = () => {
          if (complete(incoming) || failure || peerClosed) done();
        };
        socket.write(bytes);
      });
    },

    send(data) {
      return new Promise((resolve, reject) => {
        let finished = false;
        let grace: NodeJS.Timeout | undefined;
        const settle = (error: AppError | null) => {
          clearTimeout(grace);
          socket.setTimeout(0);
          onData = null;
          if (error) reject(error);
          else resolve(data.length);
        };
        if (failure || peerClosed) return settle(sendError(failure, where, data.length));
        onData = () => {
          // A reset or error before the printer's orderly close means it did not take the whole job.
          if (failure) settle(sendError(failure, where, data.length));
          else if (peerClosed && finished) settle(null);
          else if (peerClosed) settle(sendError(null, where, data.length));
        };
        socket.setTimeout(t.idleTimeoutMs, () => {
          if (!finished) {
            settle(new AppError('PRINT_FAILED', `打印机 ${where} 停止接收数据 / printer at ${where} stopped accepting data (${socket.writableLength} of ${data.length} bytes not sent)`, { where }));
          }
        });
        socket.end(data, () => {
          finished = true;
          grace = setTimeout(() => settle(null), t.closeGraceMs);
        });
      });
    },

    destroy() {
      onData = null;
      socket.destroy();
    },
  };
}

function connectError(err: NodeJS.ErrnoException, target: Tcp9100Target): AppError {
  const where = `${target.host}:${target.port}`;
  const why: Record<string, string> = {
    ECONNREFUSED: `打印机 ${where} 拒绝连接 / connection refused by ${where} (is it a printer, is port ${target.port} right?)`,
    EHOSTUNREACH: `无法到达打印机 ${where} / ${where} is unreachable`,
    ENETUNREACH: `无法到达打印机 ${where} / network unreachable for ${where}`,
    ENOTFOUND: `找不到打印机 ${target.host} / host ${target.host} not found`,
    EAI_AGAIN: `找不到打印机 ${target.host} / host ${target.host} not found`,
    ETIMEDOUT: `打印机 ${where} 连接超时 / connection to ${where} timed out`,
  };
  const message = why[err.code ?? ''] ?? `无法连接打印机 ${where} / cannot connect to ${where}: ${err.message}`;
  return new AppError('DEVICE_UNAVAILABLE', message, { host: target.host, port: target.port, code: err.code });
}

function sendError(err: NodeJS.ErrnoException | null, where: string, total: number): AppError {
  const reason = err?.code === 'ECONNRESET' || err?.code === 'EPIPE' || err === null ? '连接被打印机中断 / connection reset by the printer' : err.message;
  return new AppError('PRINT_FAILED', `${reason} (${where}, job of ${total} bytes)`, { where, code: err?.code ?? 'EOF' });
}

// ---- Status queries -------------------------------------------------------------------------

/** TSPL <ESC>!? answers one status byte (TSPL2 manual, "Real-time commands"). */
export const TSPL_STATUS_QUERY = Buffer.from([0x1b, 0x21, 0x3f]);
/** ZPL ~HS answers three <STX>…<ETX><CR><LF> lines. */
export const ZPL_STATUS_QUERY = Buffer.from('~HS', 'ascii');

export const tsplStatusComplete = (reply: Buffer) => reply.length >= 1;
export const zplStatusComplete = (reply: Buffer) => reply.filter((b) => b === 0x03).length >= 3;

const TSPL_BITS: Array<[number, string]> = [
  [0x01, '打印头未合上 / print head open'],
  [0x02, '卡纸 / paper jam'],
  [0x04, '打印机缺纸 / paper out'],
  [0x08, '碳带用完 / ribbon out'],
  [0x10, '打印机已暂停 / printer paused'],
  [0x80, '打印机故障 / printer error'],
];

/**
 * Bit 0x20 only means "printing" (busy), which is no reason to hold a label back. Bit 0x40 is
 * never set by a TSPL printer, but is by any letter: a reply like "HTTP/1.1 400" means the
 * address is some other device, and a label sent there would silently vanish.
 */
export function decodeTsplStatus(reply: Buffer): PrinterStatus {
  const byte = reply[0] ?? 0;
  if ((byte & 0x40) !== 0) return status(['该地址上的设备不是TSPL打印机 / the device at this address is not a TSPL printer'], `0x${byte.toString(16)}`);
  const reasons = TSPL_BITS.filter(([bit]) => (byte & bit) !== 0).map(([, why]) => why);
  return status(reasons, `0x${byte.toString(16).padStart(2, '0')}`);
}

/** ~HS line 1: aaa,b(paper out),c(pause),…; line 2: mmm,n,o(head up),p(ribbon out),q(thermal transfer),… */
export function decodeZplStatus(reply: Buffer): PrinterStatus {
  const text = reply.toString('latin1');
  // Each line is <STX>fields<ETX><CR><LF>.
  const lines = text.split('\x02').slice(1).map((line) => (line.split('\x03')[0] ?? '').split(','));
  const [l1 = [], l2 = []] = lines;
  const reasons: string[] = [];
  if (l2[2] === '1') reasons.push('打印头未合上 / print head open');
  if (l1[1] === '1') reasons.push('打印机缺纸 / paper out');
  if (l2[3] === '1' && l2[4] === '1') reasons.push('碳带用完 / ribbon out');
  if (l1[2] === '1') reasons.push('打印机已暂停 / printer paused');
  return status(reasons, lines.map((fields) => fields.join(',')).join(' | '));
}

function status(reasons: string[], raw: string): PrinterStatus {
  return { ready: reasons.length === 0, reasons, message: reasons.length === 0 ? '就绪 / ready' : reasons.join('; '), raw };
}
