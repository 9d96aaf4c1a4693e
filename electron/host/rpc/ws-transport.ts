import type { IncomingMessage, Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { isRpcMessage, type RpcMessage, type Transport } from '#shared/rpc/protocol';

/** Wraps one WebSocket connection as a Transport. Malformed frames are dropped, never thrown. */
export function wsTransport(socket: WebSocket): Transport {
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

/**
 * Accepts WebSocket upgrades on `/rpc` that present the per-launch token, so another local user's
 * web page cannot drive the bench. Every accepted connection is handed to `onTransport`.
 */
export function attachRpcWebSocket(server: Server, token: string, onTransport: (t: Transport) => void): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 * 1024 });
  server.on('upgrade', (request: IncomingMessage, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/rpc' || !tokenMatches(url.searchParams.get('token') ?? '', token)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => onTransport(wsTransport(ws)));
  });
  return wss;
}

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
