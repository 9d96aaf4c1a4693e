import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { isRpcMessage, type RpcMessage, type Transport } from '#shared/rpc/protocol';

/** Wraps one WebSocket connection as a Transport. Malformed frames are dropped, never thrown. */
export function wsTransport(socket: WebSocket): Transport {
  // ws reports a protocol violation (a bad frame, an oversized message) as 'error' and closes the
  // connection; without a listener that event would end the whole station.
  socket.on('error', () => undefined);
  return {
    send(message: RpcMessage) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    },
    onMessage(listener) {
      const handler = (data: unknown) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(data));
        } catch {
          return;
        }
        if (isRpcMessage(parsed)) listener(parsed);
      };
      socket.on('message', handler);
      return () => socket.off('message', handler);
    },
    onClose(listener) {
      socket.on('close', listener);
      return () => socket.off('close', listener);
    },
  };
}

/** The token of an upgrade to `/rpc?token=…`, '' when absent; null when the target is not `/rpc`. */
function rpcToken(target: string): string | null {
  const [path, query = ''] = target.split('?', 2);
  if (path !== '/rpc') return null;
  return new URLSearchParams(query).get('token') ?? '';
}

/** Answers an upgrade request with a bare HTTP status and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Accepts WebSocket upgrades on `/rpc` that present the per-launch token, so another local user's
 * web page cannot drive the bench; `admit` checks the rest of the request first (Host, Origin) and
 * answers the status to refuse with, or null. Every accepted connection is handed to `onTransport`.
 */
export function attachRpcWebSocket(
  server: Server,
  token: string,
  onTransport: (t: Transport) => void,
  admit: (request: IncomingMessage) => number | null = () => null,
): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 * 1024 });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands the raw socket over with no error listener: a client resetting it would throw.
    socket.on('error', () => socket.destroy());
    const refusal = admit(request);
    if (refusal !== null) return refuseUpgrade(socket, refusal);
    const given = rpcToken(request.url ?? '');
    if (given === null) return refuseUpgrade(socket, 404);
    if (!tokenMatches(given, token)) return refuseUpgrade(socket, 401);
    wss.handleUpgrade(request, socket, head, (ws) => onTransport(wsTransport(ws)));
  });
  return wss;
}

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
