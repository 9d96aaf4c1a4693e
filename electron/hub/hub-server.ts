import Fastify from 'fastify';
import type { Hub } from './create-hub';

export type HubServer = { url: string; port: number; close(): Promise<void> };

/** A 500-op push of fat payloads fits; anything larger is a client bug, not a backlog. */
const BODY_LIMIT = 8 * 1024 * 1024;
const CLOSE_GRACE_MS = 3000;

/**
 * The hub over HTTP: every route is a thin wrapper around hub.handle, so the HTTP server and the
 * in-process simulator exercise the same code. Binds to loopback unless told otherwise (DESIGN §13).
 */
export async function startHubServer(hub: Hub, options: { port: number; host?: string }): Promise<HubServer> {
  const host = options.host ?? '127.0.0.1';
  const app = Fastify({ bodyLimit: BODY_LIMIT, logger: false });
  let closing = false;
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    // Fastify's own refusals (malformed JSON, body too large, wrong content type) in the hub's error shape.
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    void reply.status(status).send({ error: status === 500 ? 'unavailable' : 'invalid', message: error.message });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: 'invalid', message: `No such endpoint: ${request.method} ${request.url.split('?')[0]}` });
  });
  app.route({
    method: ['GET', 'POST'],
    url: '/*',
    handler: async (request, reply) => {
      const auth = request.headers.authorization;
      const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() || null : null;
      const query: Record<string, string> = {};
      for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
        const first = Array.isArray(v) ? v[0] : v;
        if (typeof first === 'string') query[k] = first;
      }
      const response = await hub.handle({
        method: request.method as 'GET' | 'POST',
        path: request.url.split('?')[0] ?? '/',
        token,
        query,
        body: request.body,
      });
      // While closing, answers end their keep-alive connection, so close() need not wait out idle sockets.
      if (closing) void reply.header('connection', 'close');
      return reply.status(response.status).header('cache-control', 'no-store').send(response.body);
    },
  });
  await app.listen({ port: options.port, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    async close() {
      closing = true;
      // In-flight requests finish (a push commits or rolls back whole); stragglers are cut after a grace period.
      const force = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      force.unref();
      await app.close();
      clearTimeout(force);
    },
  };
}
