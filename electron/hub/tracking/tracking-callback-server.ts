import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { HubRequest, HubResponse } from '../hub-routes';

/** A push is one parcel's trace (快递100) or a batch of them (快递鸟): 1 MB is plenty. */
export const PUSH_BODY_MAX = 1024 * 1024;
const PATHS = new Set(['/tracking/push/kuaidi100', '/tracking/push/kdniao']);

export type TrackingCallbackServer = { url: string; port: number; close(): Promise<void> };

/**
 * 快递100 pushes over plain HTTP only unless its support staff enable HTTPS ("默认仅支持http",
 * §1.3), and the hub's own certificate is self-signed. This optional listener serves the two push
 * paths and nothing else: no station, no desk, no pairing ever crosses it, and each push is
 * trusted only for its provider's signature. Off unless the admin starts the hub with it.
 */
export async function startTrackingCallbackServer(hub: { handle(req: HubRequest): Promise<HubResponse> }, options: { port: number; host?: string }): Promise<TrackingCallbackServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'POST' || !PATHS.has(path)) return send(404, { error: 'not found' });
    readBody(request).then(
      async (body) => {
        if (body === null) return send(413, { error: 'too large' });
        const reply = await hub.handle({ method: 'POST', path, token: null, body, source: request.socket.remoteAddress ?? '' });
        send(reply.status, reply.body);
      },
      () => send(400, { error: 'bad request' }),
    );
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host ?? '0.0.0.0';
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The body, or null past the cap (the connection is answered and closed without reading the rest). */
function readBody(request: IncomingMessage): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? '0');
    if (declared > PUSH_BODY_MAX) return resolve(null);
    const parts: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > PUSH_BODY_MAX) {
        request.pause();
        resolve(null);
        return;
      }
      parts.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(parts)));
    request.on('error', reject);
  });
}
