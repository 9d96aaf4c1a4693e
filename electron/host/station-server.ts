import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { languageFrom } from '#shared/i18n/catalog';
import { msg, type Message } from '#shared/i18n/message';
import { createTranslator } from '#shared/i18n/translator';
import type { Transport } from '#shared/rpc/protocol';
import type { AttachmentRoutes } from './attachments/attachment-http';
import { attachRpcWebSocket } from './rpc/ws-transport';
import { decodeRequestPath } from './station-static-files';
import { createRequestGuard } from './station-request-guard';
import { createStaticFiles } from './station-static-files';
import { timingSafeEqual } from 'node:crypto';

export type StationServer = { url: string; port: number; token: string; server: Server; close(): Promise<void> };

/** `Authorization: Bearer <token>` naming this launch's token, compared in constant time. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (\S+)$/.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const translators = { 'zh-CN': createTranslator('zh-CN'), en: createTranslator('en') };

const REFUSALS: Record<number, Message> = {
  400: msg('station.http.badRequest'),
  403: msg('station.http.forbidden'),
  405: msg('station.http.methodNotAllowed'),
  503: msg('station.http.notBuilt'),
};

/** Every response, refusals included, may only be used by the station's own pages. */
const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

/** The host part of the station's own URL: loopback when it listens everywhere, IPv6 in brackets. */
const urlHost = (host: string) => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host);

/**
 * The browser station: serves the built renderer and the RPC over a WebSocket, on loopback unless
 * told otherwise. The per-launch token travels in the URL fragment, which browsers never send to
 * a server, and must be presented on the WebSocket upgrade. No request, however malformed, can
 * throw out of here: the bench behind it is someone's working day.
 */
export async function startStationServer(options: {
  rendererDir: string;
  onTransport: (t: Transport) => void;
  host?: string;
  port?: number;
  token?: string;
  log?: (line: string, error?: unknown) => void;
  /** Pack videos and pictures (`/attachments/…`); absent, those paths are the renderer's like any other. */
  attachments?: AttachmentRoutes;
}): Promise<StationServer> {
  const token = options.token ?? randomBytes(18).toString('base64url');
  const host = options.host ?? '127.0.0.1';
  let port = 0;
  const guard = createRequestGuard(host, () => port);
  const files = createStaticFiles(options.rendererDir);
  const log = options.log ?? ((line, error) => console.error(line, error));

  const refuse = (request: IncomingMessage, response: ServerResponse, status: number, message: Message = REFUSALS[status] ?? REFUSALS[400]!) => {
    const text = translators[languageFrom(request.headers['accept-language'])].t(message);
    response.writeHead(status, STATUS_CODES[status], { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    response.end(request.method === 'HEAD' ? undefined : text);
  };

  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(COMMON_HEADERS)) response.setHeader(name, value);
    const wrongHost = guard.checkHost(request);
    if (wrongHost === 421) return refuse(request, response, 421, msg('station.http.wrongHost', { url: `http://127.0.0.1:${port}/` }));
    if (wrongHost !== null) return refuse(request, response, wrongHost);
    const path = decodeRequestPath(request.url ?? '');
    if (path !== null && options.attachments?.owns(path)) {
      // A write needs what the RPC needs: a page of this station (Origin) holding the bench's token.
      if (request.method === 'POST') {
        const refusal = guard.checkOrigin(request);
        if (refusal !== null) return refuse(request, response, refusal);
        if (!bearerMatches(request.headers.authorization, token)) return refuse(request, response, 401, msg('station.http.forbidden'));
      }
      const query = new URLSearchParams((request.url ?? '').split('?', 2)[1] ?? '');
      return options.attachments.handle(request, response, path, query);
    }
    files
      .find(request)
      .then((answer) => (answer.status === 200 ? files.send(response, answer, request.method === 'HEAD') : refuse(request, response, answer.status)))
      .catch((error: unknown) => {
        log('[station] serving a file failed', error);
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
  });
  const sockets = attachRpcWebSocket(server, token, options.onTransport, (request) => guard.checkHost(request) ?? guard.checkOrigin(request));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    token,
    server,
    url: `http://${urlHost(host)}:${port}/#token=${token}`,
    close: () =>
      new Promise((resolve) => {
        sockets.clients.forEach((client) => client.terminate());
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
