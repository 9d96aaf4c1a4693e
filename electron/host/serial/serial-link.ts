import { SerialPort } from 'serialport';

export type LinkStatus = 'connected' | 'reconnecting' | 'absent';
export type LinkOptions = { path: string; baudRate: number; dataBits: 7 | 8; parity: 'none' | 'even' | 'odd'; stopBits: 1 | 2 };

/** The part of a serialport stream a link uses; SerialPort and SerialPortMock both are one. */
export type PortLike = {
  open(cb: (error: Error | null) => void): void;
  close(cb?: (error: Error | null) => void): void;
  on(event: 'data', fn: (chunk: Buffer) => void): unknown;
  on(event: 'close' | 'error', fn: (error?: Error | null) => void): unknown;
  removeAllListeners(): unknown;
  readonly isOpen: boolean;
};
export type PortFactory = (options: LinkOptions) => PortLike;

export const realPorts: PortFactory = (o) => new SerialPort({ ...o, autoOpen: false });

// Unplugged: the device node is gone (Linux ENOENT, a pty whose peer died, Windows "cannot find").
const GONE = /no such file|enoent|does not exist|cannot find|file not found|not found/i;
// Retry quickly at first (a re-seated cable), then every few seconds while nothing is there.
const BACKOFF_MS = [250, 500, 1000, 2000, 4000];

/**
 * One configured serial device, kept open: a lost port (unplug, a pty peer gone) is reopened with
 * backoff until it is back. `retryNow` cuts the wait short when the port list shows the device again.
 */
export function createSerialLink(deps: {
  options: LinkOptions;
  ports?: PortFactory;
  onData: (chunk: Buffer) => void;
  onStatus: (status: LinkStatus, detail: string) => void;
  backoffMs?: readonly number[];
}) {
  const ports = deps.ports ?? realPorts;
  const backoff = deps.backoffMs ?? BACKOFF_MS;
  let port: PortLike | null = null;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let status: LinkStatus = 'absent';

  const setStatus = (next: LinkStatus, detail = '') => {
    if (next === status && next !== 'absent') return;
    status = next;
    deps.onStatus(next, detail.slice(0, 200));
  };

  const schedule = () => {
    if (stopped || timer) return;
    const wait = backoff[Math.min(attempt, backoff.length - 1)] ?? 1000;
    attempt += 1;
    timer = setTimeout(() => {
      timer = null;
      open();
    }, wait);
  };

  const lost = (error?: Error | null) => {
    if (!port) return;
    port.removeAllListeners();
    port = null;
    if (stopped) return;
    setStatus('reconnecting', error?.message ?? '');
    schedule();
  };

  function open(): void {
    if (stopped || port) return;
    const p = ports(deps.options);
    p.on('data', (chunk: Buffer) => deps.onData(chunk));
    p.on('close', (error) => (port === p ? lost(error) : undefined));
    p.on('error', (error) => (port === p ? lost(error) : undefined));
    port = p;
    p.open((error) => {
      if (port !== p) return;
      if (!error) {
        attempt = 0;
        setStatus('connected');
        return;
      }
      p.removeAllListeners();
      port = null;
      if (stopped) return;
      const message = error.message;
      if (GONE.test(message)) {
        if (status !== 'absent') setStatus('absent', message);
      } else setStatus('reconnecting', message);
      schedule();
    });
  }

  open();
  return {
    status: () => status,
    /** The device showed up in the port list again: try now instead of at the end of the backoff. */
    retryNow(): void {
      if (stopped || port || status === 'connected') return;
      if (timer) clearTimeout(timer);
      timer = null;
      attempt = 0;
      open();
    },
    stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const p = port;
      port = null;
      if (!p) return Promise.resolve();
      p.removeAllListeners();
      // A close that fails (the device is already gone) still ends this link.
      return new Promise((resolve) => (p.isOpen ? p.close(() => resolve()) : resolve()));
    },
  };
}
export type SerialLink = ReturnType<typeof createSerialLink>;
