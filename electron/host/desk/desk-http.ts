import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { DESK_PATHS, deskLoginSchema, type DeskSession } from '#shared/contract/desk.contract';
import { AppError } from '#shared/contract/errors';
import type { Events } from '#shared/contract/index';
import { msg } from '#shared/i18n/message';
import type { AttachmentRoutes } from '../attachments/attachment-http';
import type { RpcServer } from '../rpc/rpc-server';
import { refuseUpgrade, wsTransport } from '../rpc/ws-transport';
import { headerValues } from '../station-request-guard';
import { createStaticFiles, decodeRequestPath } from '../station-static-files';
import { serveDeskConnection } from './desk-gateway';
import type { DeskLoginService } from './desk-login';
import { DESK_IDLE_MINUTES, type DeskSessions } from './desk-sessions';

/** Only the page's own origin: no other site's script, no inline script, no framing, the WebSocket back to where the page came from. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};
/** `__Host-`: the browser keeps it only if Secure, for this host alone, for every path. */
const COOKIE = '__Host-packdesk-desk';
const SESSION_COOKIE = `Path=/; Secure; HttpOnly; SameSite=Strict`;
const LOGIN_BODY_MAX = 4096;
/** A phone's requests are small; a bigger frame closes the connection (1009). */
const FRAME_MAX = 64 * 1024;

/** How the hub hands its requests to the desk (electron/hub/desk-mount.ts names the same shape). */
export type DeskHttp = {
  owns(path: string): boolean;
  handle(request: IncomingMessage, response: ServerResponse): void;
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Drops every phone connection (the hub is stopping). */
  closeConnections(): void;
};

/** The path part of a request target, with no decoding (for routing; files decode their own). */
const pathOf = (target: string | undefined) => (target ?? '/').split(/[?#]/, 1)[0] ?? '/';

/**
 * The desk's pages on the hub's HTTPS port: the built renderer at `/` and `/assets/…`, the login
 * endpoints, photos for logged-in phones, and the RPC WebSocket. A POST and the WebSocket must
 * come from a page of this very origin (Origin equals https:// plus Host): another site open on the
 * phone cannot log in, log out or talk to the desk with the phone's cookie.
 */
export function createDeskHttp(deps: {
  rendererDir: string;
  server: RpcServer<Events>;
  sessions: DeskSessions;
  login: DeskLoginService;
  attachments: AttachmentRoutes;
  /** The key wrong PINs are counted under, from the client's address (the hub's, see source-address). */
  sourceKey: (address: string | undefined) => string;
  log: (line: string, error?: unknown) => void;
}): DeskHttp {
  const { sessions, login } = deps;
  const files = createStaticFiles(deps.rendererDir, { csp: CSP, pageCache: 'no-store' });
  const wss = new WebSocketServer({ noServer: true, maxPayload: FRAME_MAX });
  const open = new Map<string, Set<WebSocket>>();
  sessions.onEnd((key) => {
    for (const socket of open.get(key) ?? []) socket.close(4401, 'session ended');
    open.delete(key);
  });

  const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    response.end(text);
  };
  const refuse = (response: ServerResponse, status: number, error: AppError, headers: Record<string, string> = {}) => json(response, status, { error: error.toShape() }, headers);

  const secretOf = (request: IncomingMessage): string | null => {
    for (const part of (request.headers.cookie ?? '').split(';')) {
      const [name, value] = part.trim().split('=', 2);
      if (name === COOKIE && value && value.length <= 100) return value;
    }
    return null;
  };
  /** The logged-in user of this request's cookie, counting it as activity. */
  const userOf = (request: IncomingMessage) => {
    const secret = secretOf(request);
    const userId = secret === null ? null : sessions.touch(secret);
    const user = userId === null ? null : login.user(userId);
    if (secret !== null && userId !== null && user === null) sessions.end(secret, 'revoked');
    return user;
  };
  const sameOrigin = (request: IncomingMessage): boolean => {
    const origins = headerValues(request, 'origin');
    const hosts = headerValues(request, 'host');
    return origins.length === 1 && hosts.length === 1 && origins[0]!.trim().toLowerCase() === `https://${hosts[0]!.trim().toLowerCase()}`;
  };

  async function logIn(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if ((request.headers['content-type'] ?? '').split(';')[0]?.trim() !== 'application/json') return refuse(response, 415, new AppError('INVALID_INPUT', msg('desk.badRequest')));
    const body = await readBody(request, LOGIN_BODY_MAX);
    if (body === 'too-large') {
      response.once('finish', () => request.socket.destroy());
      return refuse(response, 413, new AppError('INVALID_INPUT', msg('desk.badRequest')), { connection: 'close' });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body ?? '');
    } catch {
      return refuse(response, 400, new AppError('INVALID_INPUT', msg('desk.badRequest')));
    }
    const input = deskLoginSchema.safeParse(parsed);
    if (!input.success) return refuse(response, 400, new AppError('INVALID_INPUT', msg('desk.badRequest')));
    try {
      const user = await login.login(input.data, deps.sourceKey(request.socket.remoteAddress));
      const secret = sessions.start(user.id);
      json(response, 200, { user }, { 'set-cookie': `${COOKIE}=${secret}; ${SESSION_COOKIE}` });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const wait = error.msg.key === 'desk.login.wait';
      refuse(response, wait ? 429 : error.code === 'NOT_FOUND' ? 503 : 401, error, wait ? { 'retry-after': String((error.details as { retryInSeconds: number }).retryInSeconds) } : {});
    }
  }

  function route(request: IncomingMessage, response: ServerResponse, path: string): void | Promise<void> {
    const method = request.method ?? 'GET';
    if (path === DESK_PATHS.session) {
      if (method !== 'GET' && method !== 'HEAD') return refuse(response, 405, new AppError('INVALID_INPUT', msg('desk.badRequest')), { allow: 'GET' });
      const user = userOf(request);
      const secret = secretOf(request);
      const ended = user === null && secret !== null ? sessions.endedWhy(secret) : null;
      const session: DeskSession = { desk: true, user, idleMinutes: DESK_IDLE_MINUTES, ended };
      return json(response, 200, session);
    }
    if (path === DESK_PATHS.login || path === DESK_PATHS.logout) {
      if (method !== 'POST') return refuse(response, 405, new AppError('INVALID_INPUT', msg('desk.badRequest')), { allow: 'POST' });
      if (!sameOrigin(request)) return refuse(response, 403, new AppError('FORBIDDEN', msg('desk.otherOrigin')));
      if (path === DESK_PATHS.login) return logIn(request, response);
      const secret = secretOf(request);
      if (secret !== null) sessions.end(secret);
      return json(response, 200, { user: null }, { 'set-cookie': `${COOKIE}=; ${SESSION_COOKIE}; Max-Age=0` });
    }
    if (path.startsWith(DESK_PATHS.attachments)) {
      if (method !== 'GET' && method !== 'HEAD') return refuse(response, 405, new AppError('INVALID_INPUT', msg('desk.badRequest')), { allow: 'GET, HEAD' });
      if (userOf(request) === null) return refuse(response, 401, new AppError('FORBIDDEN', msg('desk.sessionEnded')));
      const query = new URLSearchParams((request.url ?? '').split('?', 2)[1] ?? '');
      return deps.attachments.handle(request, response, `/attachments/${path.slice(DESK_PATHS.attachments.length)}`, query);
    }
    if (path.startsWith('/desk/')) return refuse(response, 404, new AppError('NOT_FOUND', msg('desk.badRequest')));
    return files.find(request).then((answer) => {
      if (answer.status === 200) return files.send(response, answer, method === 'HEAD');
      refuse(response, answer.status, new AppError(answer.status === 503 ? 'INTERNAL' : 'INVALID_INPUT', msg(answer.status === 503 ? 'station.http.notBuilt' : 'desk.badRequest')));
    });
  }

  return {
    owns: (target) => {
      const path = pathOf(target);
      return path === '/' || path === '/index.html' || path.startsWith('/assets/') || path.startsWith('/desk/');
    },
    handle(request, response) {
      for (const [name, value] of Object.entries(COMMON_HEADERS)) response.setHeader(name, value);
      const path = decodeRequestPath(request.url ?? '');
      if (path === null) return refuse(response, 400, new AppError('INVALID_INPUT', msg('desk.badRequest')));
      // No request, however malformed, may throw out of here: the hub behind it serves the shop's benches.
      Promise.resolve()
        .then(() => route(request, response, path))
        .catch((error: unknown) => {
          deps.log('[desk] a request failed', error);
          if (!response.headersSent) refuse(response, 500, new AppError('INTERNAL', msg('rpc.internal', { ref: 'desk' })));
          else response.destroy();
        });
    },
    upgrade(request, socket, head) {
      socket.on('error', () => socket.destroy());
      if (pathOf(request.url) !== DESK_PATHS.rpc) return refuseUpgrade(socket, 404);
      if (!sameOrigin(request)) return refuseUpgrade(socket, 403);
      const secret = secretOf(request);
      if (secret === null || userOf(request) === null) return refuseUpgrade(socket, 401);
      const key = sessions.keyOf(secret);
      wss.handleUpgrade(request, socket, head, (ws) => {
        const sockets = open.get(key) ?? new Set<WebSocket>();
        open.set(key, sockets.add(ws));
        ws.once('close', () => sockets.delete(ws));
        serveDeskConnection(deps.server, wsTransport(ws), {
          user: () => sessions.touch(secret),
          allowed: (userId) => login.user(userId) !== null,
          close: () => ws.close(4401, 'session ended'),
        }, deps.log);
      });
    },
    closeConnections() {
      wss.clients.forEach((client) => client.terminate());
      wss.close();
    },
  };
}

/** The body as text, or 'too-large' past `max` bytes (declared or sent); null when the client went away. */
function readBody(request: IncomingMessage, max: number): Promise<string | null | 'too-large'> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve('too-large');
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void parts.push(chunk);
      request.pause();
      resolve('too-large');
    });
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', () => resolve(null));
    request.on('aborted', () => resolve(null));
  });
}
