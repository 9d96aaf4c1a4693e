import { createReadStream } from 'node:fs';
import { createServer } from 'node:https';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerFactoryHandler } from 'fastify';
import { ATTACHMENT_CHUNK_MAX, type HubError } from '#shared/contract/hub.contract';
import { parseRange } from '#shared/domain/attachments';
import { msg } from '#shared/i18n/message';
import type { HubFile } from './attachments/hub-attachments.service';
import type { Hub, HubRequest } from './create-hub';
import type { DeskMount } from './desk-mount';
import { TRACKING_PUSH_ROUTES } from './hub-routes';
import { PUSH_BODY_MAX } from './tracking/tracking-callback-server';
import { jsonDepthExceeds } from '#shared/domain/json-depth';

export type HubServer = { url: string; port: number; close(): Promise<void> };

/** A 500-op push of fat payloads fits; anything larger is a client bug, not a backlog. */
const BODY_LIMIT = 8 * 1024 * 1024;
/** Ops nest a few levels (an order, its lines, a message in a flag); 64 leaves room and stops a stack overflow cold. */
export const JSON_DEPTH_MAX = 64;
const CLOSE_GRACE_MS = 3000;
/** Fastify's own default, which it leaves to us when we make the server. */
const KEEP_ALIVE_MS = 72_000;

/**
 * The hub over HTTPS with its self-signed certificate (stations pin its fingerprint), or over
 * plain HTTP only when `insecureHttp` says so. Every route is a thin wrapper around hub.handle,
 * so the HTTP server and the in-process simulator exercise the same code. Binds to loopback
 * unless told otherwise (DESIGN §13).
 *
 * `desk`: the supervisor's pages for phones, served on the same port and certificate; it takes the
 * requests it owns and the WebSocket upgrades before Fastify sees them. Over plain HTTP there is
 * no desk: a PIN never crosses the network unencrypted.
 */
export async function startHubServer(hub: Hub, options: { port: number; host?: string; insecureHttp?: boolean; desk?: DeskMount }): Promise<HubServer> {
  const host = options.host ?? '127.0.0.1';
  const secure = !options.insecureHttp;
  const desk = secure ? options.desk : undefined;
  const deskServer = desk
    ? (handler: FastifyServerFactoryHandler) => {
        const server = createServer({ key: hub.tls.key, cert: hub.tls.cert }, (request, response) =>
          desk.owns(request.url ?? '/') ? desk.handle(request, response) : handler(request, response),
        );
        server.keepAliveTimeout = KEEP_ALIVE_MS;
        server.on('upgrade', (request, socket, head) => desk.upgrade(request, socket, head));
        return server;
      }
    : undefined;
  const app: FastifyInstance = deskServer
    ? (Fastify({ bodyLimit: BODY_LIMIT, logger: false, serverFactory: deskServer as never }) as unknown as FastifyInstance)
    : secure
      ? (Fastify({ bodyLimit: BODY_LIMIT, logger: false, https: { key: hub.tls.key, cert: hub.tls.cert } }) as unknown as FastifyInstance)
      : Fastify({ bodyLimit: BODY_LIMIT, logger: false });
  let closing = false;
  guardJsonBodies(app);
  app.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
    // Fastify's own refusals (malformed JSON, body too large, wrong content type) in the hub's error shape.
    const [status, body] = refusal(error);
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: 'invalid', msg: msg('hub.error.noSuchEndpoint', { endpoint: `${request.method} ${request.url.split('?')[0]}`.slice(0, 200) }) });
  });
  const answer = async (request: FastifyRequest, reply: FastifyReply, body: unknown) => {
    const auth = request.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() || null : null;
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (typeof first === 'string') query[k] = first;
    }
    const req: HubRequest = { method: request.method as 'GET' | 'POST', path: request.url.split('?')[0] ?? '/', token, query, body, source: request.socket.remoteAddress ?? request.ip };
    const response = await hub.handle(req);
    // While closing, answers end their keep-alive connection, so close() need not wait out idle sockets.
    if (closing) void reply.header('connection', 'close');
    // What a bench pushed reaches the supervisors' phones at once.
    if (response.status === 200 && request.method === 'POST' && request.url.startsWith('/sync/push')) desk?.nudge?.();
    if (response.file) return sendFile(request, reply, response.file);
    return reply.status(response.status).header('cache-control', 'no-store').send(response.body);
  };
  app.route({ method: ['GET', 'POST'], url: '/*', handler: (request, reply) => answer(request, reply, request.body) });
  // One route takes bytes: a chunk of an attachment, capped on its own. Every other route stays JSON only.
  await app.register(async (chunks) => {
    chunks.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: ATTACHMENT_CHUNK_MAX }, (_request, body, done) => done(null, body));
    chunks.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
      const [status, body] = chunkRefusal(error) ?? refusal(error);
      void reply.status(status).send(body);
    });
    chunks.post('/attachments/chunk', { bodyLimit: ATTACHMENT_CHUNK_MAX }, (request, reply) =>
      // An empty chunk (the one of an empty file) arrives as no body at all.
      answer(request, reply, request.body === undefined || request.body === null ? Buffer.alloc(0) : request.body),
    );
  });
  // Tracking providers' pushes: form or JSON bodies, read as bytes (the signature covers them), capped small.
  await app.register(async (pushes) => {
    pushes.removeAllContentTypeParsers();
    pushes.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PUSH_BODY_MAX }, (_request, body, done) => done(null, body));
    for (const route of Object.keys(TRACKING_PUSH_ROUTES)) {
      pushes.post(route.slice('POST '.length), { bodyLimit: PUSH_BODY_MAX }, (request, reply) =>
        answer(request, reply, request.body instanceof Uint8Array ? request.body : Buffer.alloc(0)),
      );
    }
  });
  await app.listen({ port: options.port, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `${secure ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    async close() {
      closing = true;
      desk?.closeConnections();
      // In-flight requests finish (a push commits or rolls back whole); stragglers are cut after a grace period.
      const force = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      force.unref();
      await app.close();
      clearTimeout(force);
    },
  };
}

class TooDeep extends Error {
  readonly statusCode = 400;
  readonly code = 'PACKDESK_JSON_TOO_DEEP';
}

/**
 * JSON bodies are measured before they are parsed: JSON.parse recurses, and a body nested a
 * million levels deep would overflow the stack (a 500) instead of being refused. The parse itself
 * stays Fastify's (it also refuses __proto__ and constructor poisoning).
 */
function guardJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  // JSON only: any other content type (text/plain included) is a 415, not a string body.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (request, body, done) => {
    if (jsonDepthExceeds(body as string, JSON_DEPTH_MAX)) return done(new TooDeep('JSON nested too deeply'), undefined);
    return parseJson(request, body as string, done);
  });
}

/** A complete attachment, whole or the one byte range asked for (a phone's <video> seeks this way). */
function sendFile(request: FastifyRequest, reply: FastifyReply, file: HubFile) {
  const range = parseRange(request.headers.range, file.bytes);
  void reply.header('content-type', file.mime).header('accept-ranges', 'bytes').header('cache-control', 'private, max-age=31536000, immutable');
  if (range === 'unsatisfiable') return reply.status(416).header('content-range', `bytes */${file.bytes}`).send();
  const { start, end } = range ?? { start: 0, end: file.bytes - 1 };
  void reply.status(range ? 206 : 200).header('content-length', Math.max(0, end - start + 1));
  if (range) void reply.header('content-range', `bytes ${start}-${end}/${file.bytes}`);
  if (request.method === 'HEAD' || file.bytes === 0) return reply.send();
  return reply.send(createReadStream(file.path, { start, end }));
}

function chunkRefusal(error: { code?: string }): [number, HubError] | null {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return [413, { error: 'invalid', msg: msg('hub.error.chunkTooLarge', { max: ATTACHMENT_CHUNK_MAX / 1024 }) }];
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return [415, { error: 'invalid', msg: msg('hub.error.chunkNotBinary') }];
  return null;
}

function refusal(error: { statusCode?: number; code?: string }): [number, HubError] {
  switch (error.code) {
    case 'PACKDESK_JSON_TOO_DEEP':
      return [400, { error: 'invalid', msg: msg('hub.error.bodyTooDeep', { max: JSON_DEPTH_MAX }) }];
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [400, { error: 'invalid', msg: msg('hub.error.bodyTooLarge', { max: BODY_LIMIT / 1024 / 1024 }) }];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [415, { error: 'invalid', msg: msg('hub.error.contentType') }];
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return [400, { error: 'invalid', msg: msg('hub.error.bodyNotJson') }];
  }
  if (error.statusCode === 400 && error.code === undefined) return [400, { error: 'invalid', msg: msg('hub.error.bodyNotJson') }];
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return [error.statusCode, { error: 'invalid', msg: msg('hub.error.badRequest') }];
  return [500, { error: 'unavailable', msg: msg('hub.error.internal') }];
}
