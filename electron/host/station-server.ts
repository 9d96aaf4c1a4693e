import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Transport } from '#shared/rpc/protocol';
import { attachRpcWebSocket } from './rpc/ws-transport';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type StationServer = { url: string; port: number; token: string; server: Server; close(): Promise<void> };

/**
 * The browser station: serves the built renderer and the RPC over a WebSocket, on loopback unless
 * told otherwise. The per-launch token travels in the URL fragment, which browsers never send to
 * a server, and must be presented on the WebSocket upgrade.
 */
export async function startStationServer(options: {
  rendererDir: string;
  onTransport: (t: Transport) => void;
  host?: string;
  port?: number;
  token?: string;
}): Promise<StationServer> {
  const token = options.token ?? randomBytes(18).toString('base64url');
  const root = normalize(options.rendererDir);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) && file !== root) {
      response.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('Renderer not built: run npm run build');
      return;
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(response);
  });
  const sockets = attachRpcWebSocket(server, token, options.onTransport);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    token,
    server,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/#token=${token}`,
    close: () =>
      new Promise((resolve) => {
        sockets.clients.forEach((client) => client.terminate());
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
