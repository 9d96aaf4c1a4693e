import type { RpcMessage, Transport } from '#shared/rpc/protocol';
import { isRpcMessage } from '#shared/rpc/protocol';
import type { ConnectionStatus } from './connection.store';

/**
 * RPC over a WebSocket to the browser station (127.0.0.1 + per-launch token).
 *
 * - Reconnects with exponential backoff (with jitter) for as long as the page lives.
 * - Requests sent before the first connection are queued; once the core has been reached, a
 *   request sent while it is down is answered at once with HUB_UNREACHABLE instead of being
 *   replayed later: a scan must never take effect minutes after the packer made it.
 */
export type WebSocketLike = {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
};
export type WebSocketCtor = new (url: string) => WebSocketLike;

export type WebSocketTransportOptions = {
  url: string;
  WebSocketImpl?: WebSocketCtor;
  onStatus?: (status: ConnectionStatus, retryInMs: number | null) => void;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
};

export type WebSocketTransport = Transport & {
  /** Skips the backoff wait and tries now (the banner's retry button). */
  retryNow(): void;
  close(): void;
};

const OPEN = 1;
const maxQueued = 200;

export function createWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const Impl = options.WebSocketImpl ?? (globalThis.WebSocket as unknown as WebSocketCtor);
  const initial = options.initialBackoffMs ?? 500;
  const max = options.maxBackoffMs ?? 10_000;
  const random = options.random ?? Math.random;
  const listeners = new Set<(m: RpcMessage) => void>();
  const closeListeners = new Set<() => void>();
  let socket: WebSocketLike | null = null;
  let status: ConnectionStatus = 'connecting';
  let hasOpened = false;
  let closed = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let queue: RpcMessage[] = [];

  const setStatus = (next: ConnectionStatus, retryInMs: number | null = null) => {
    status = next;
    options.onStatus?.(next, retryInMs);
  };

  const emit = (message: RpcMessage) => listeners.forEach((l) => l(message));

  /** Answers a request locally: the core cannot be reached. */
  const refuse = (message: RpcMessage) => {
    if (message.t !== 'req') return;
    const { id } = message;
    queueMicrotask(() =>
      emit({ t: 'res', id, ok: false, error: { code: 'HUB_UNREACHABLE', msg: { key: 'rpc.disconnected' } } }),
    );
  };

  const scheduleReconnect = () => {
    if (closed) return;
    const base = Math.min(max, initial * 2 ** attempt);
    const delay = Math.round(base * (0.8 + 0.4 * random()));
    attempt += 1;
    setStatus('down', delay);
    timer = setTimeout(connect, delay);
  };

  const onDown = (ws: WebSocketLike) => {
    if (ws !== socket) return;
    socket = null;
    const wasOpen = status === 'open';
    if (wasOpen) closeListeners.forEach((l) => l());
    const waiting = queue;
    queue = [];
    waiting.forEach(refuse);
    scheduleReconnect();
  };

  function connect(): void {
    timer = null;
    if (closed) return;
    setStatus('connecting');
    let ws: WebSocketLike;
    try {
      ws = new Impl(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (ws !== socket) return;
      hasOpened = true;
      attempt = 0;
      setStatus('open');
      const waiting = queue;
      queue = [];
      waiting.forEach((m) => ws.send(JSON.stringify(m)));
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (isRpcMessage(parsed)) emit(parsed);
    };
    ws.onerror = () => {
      // A close event always follows; reconnecting is handled there.
    };
    ws.onclose = () => onDown(ws);
  }

  connect();

  return {
    send(message) {
      if (status === 'open' && socket && socket.readyState === OPEN) socket.send(JSON.stringify(message));
      else if (!hasOpened && !closed && queue.length < maxQueued) queue.push(message);
      else refuse(message);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    retryNow() {
      if (closed || status !== 'down') return;
      if (timer !== null) clearTimeout(timer);
      connect();
    },
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      const ws = socket;
      socket = null;
      ws?.close(1000, 'closing');
      queue.forEach(refuse);
      queue = [];
    },
  };
}
