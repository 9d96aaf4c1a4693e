import net from 'node:net';
import { AppError } from '#shared/contract/errors';
import type { MessageKey } from '#shared/i18n/catalog';
import { msg, type Message } from '#shared/i18n/message';
import { DELIVERY_UNKNOWN, type PrinterStatus } from './printer.port';

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
      reject(new AppError('DEVICE_UNAVAILABLE', msg('devices.tcp.connectTimeout', { where, ms: t.connectTimeoutMs }), { host: target.host, port: target.port }));
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
            settle(new AppError('PRINT_FAILED', msg('devices.tcp.stalled', { where, unsent: socket.writableLength, total: data.length }), { where, ...DELIVERY_UNKNOWN }));
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

const CONNECT_ERRORS: Record<string, MessageKey> = {
  ECONNREFUSED: 'devices.tcp.refused',
  EHOSTUNREACH: 'devices.tcp.unreachable',
  ENETUNREACH: 'devices.tcp.unreachable',
  ENOTFOUND: 'devices.tcp.notFound',
  EAI_AGAIN: 'devices.tcp.notFound',
  ETIMEDOUT: 'devices.tcp.timedOut',
};

function connectError(err: NodeJS.ErrnoException, target: Tcp9100Target): AppError {
  const where = `${target.host}:${target.port}`;
  const key = CONNECT_ERRORS[err.code ?? ''];
  const message = key ? msg(key, { where, host: target.host, port: target.port }) : msg('devices.tcp.cannotConnect', { where, reason: err.code ?? err.message });
  return new AppError('DEVICE_UNAVAILABLE', message, { host: target.host, port: target.port, code: err.code });
}

function sendError(err: NodeJS.ErrnoException | null, where: string, total: number): AppError {
  const reset = err?.code === 'ECONNRESET' || err?.code === 'EPIPE' || err === null;
  const message = reset ? msg('devices.tcp.reset', { where, total }) : msg('devices.tcp.sendFailed', { where, total, reason: err.code ?? err.message });
  // Some of the job may have reached the printer.
  return new AppError('PRINT_FAILED', message, { where, code: err?.code ?? 'EOF', ...DELIVERY_UNKNOWN });
}

// ---- Status queries -------------------------------------------------------------------------

/** TSPL <ESC>!? answers one status byte (TSPL2 manual, "Real-time commands"). */
export const TSPL_STATUS_QUERY = Buffer.from([0x1b, 0x21, 0x3f]);
/** ZPL ~HS answers three <STX>…<ETX><CR><LF> lines. */
export const ZPL_STATUS_QUERY = Buffer.from('~HS', 'ascii');

export const tsplStatusComplete = (reply: Buffer) => reply.length >= 1;
export const zplStatusComplete = (reply: Buffer) => reply.filter((b) => b === 0x03).length >= 3;

const TSPL_BITS: Array<[number, MessageKey]> = [
  [0x01, 'devices.status.headOpen'],
  [0x02, 'devices.status.paperJam'],
  [0x04, 'devices.status.paperOut'],
  [0x08, 'devices.status.ribbonOut'],
  [0x10, 'devices.status.paused'],
  [0x80, 'devices.status.error'],
];

/**
 * Bit 0x20 only means "printing" (busy), which is no reason to hold a label back. Bit 0x40 is
 * never set by a TSPL printer, but is by any letter: a reply like "HTTP/1.1 400" means the
 * address is some other device, and a label sent there would silently vanish.
 */
export function decodeTsplStatus(reply: Buffer): PrinterStatus {
  const byte = reply[0] ?? 0;
  // One byte, and only one: a longer answer is some other device (or a garbled line), never a status.
  if (reply.length > 1 && (byte & 0x40) === 0) return printerStatus([msg('devices.status.unreadable')], printable(reply.toString('latin1')));
  if ((byte & 0x40) !== 0) return printerStatus([msg('devices.status.notTspl')], `0x${byte.toString(16)}`);
  const reasons = TSPL_BITS.filter(([bit]) => (byte & bit) !== 0).map(([, why]) => msg(why));
  return printerStatus(reasons, `0x${byte.toString(16).padStart(2, '0')}`);
}

/**
 * ~HS answers three lines, each <STX>fields<ETX><CR><LF> (ZPL II manual, ~HS):
 *   1: aaa,b(paper out),c(pause),dddd,eee,f,g,h,iii,j,k,l
 *   2: mmm,n,o(head up),p(ribbon out),q(thermal transfer),r(print mode),s,t,uuuuuuuu,v,www
 *   3: xxxx,y
 * Read strictly: anything else (a garbled or hostile reply, some other service) is no status, and
 * a printer whose status cannot be read does not get the label.
 */
// eslint-disable-next-line no-control-regex -- STX and ETX frame each ~HS line
const ZPL_HS = /^\x02(\d{3},[01],[01],\d{4},\d{3},[01],[01],[01],\d{3},[01],[01],[01])\x03\r\n\x02(\d{3},[01],[01],[01],[01],[0-9A-Z],\d,[01],\d{8},[01],\d{3})\x03\r\n\x02(\d{4},[01])\x03(?:\r\n)?$/;

export function decodeZplStatus(reply: Buffer): PrinterStatus {
  const text = reply.toString('latin1');
  const m = ZPL_HS.exec(text);
  if (!m) return printerStatus([msg('devices.status.unreadable')], printable(text));
  const l1 = (m[1] ?? '').split(',');
  const l2 = (m[2] ?? '').split(',');
  const reasons: Message[] = [];
  if (l2[2] === '1') reasons.push(msg('devices.status.headOpen'));
  if (l1[1] === '1') reasons.push(msg('devices.status.paperOut'));
  if (l2[3] === '1' && l2[4] === '1') reasons.push(msg('devices.status.ribbonOut'));
  if (l1[2] === '1') reasons.push(msg('devices.status.paused'));
  return printerStatus(reasons, [m[1], m[2], m[3]].join(' | '));
}

/** A reply as a log may show it: printable ASCII only, at most 120 characters. */
const printable = (text: string): string => text.replace(/[^\x20-\x7e]/g, '.').slice(0, 120);

/** A status from its reasons: ready when there are none; the message names the first. */
export function printerStatus(reasons: Message[], raw: string): PrinterStatus {
  const [first] = reasons;
  const message = !first ? msg('devices.status.ready') : reasons.length === 1 ? first : msg('devices.status.andMore', { reason: first, more: reasons.length - 1 });
  return { ready: reasons.length === 0, reasons, message, raw };
}
