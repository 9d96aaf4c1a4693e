import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * What the two provider fakes share: a loopback HTTP server that reads form bodies as the provider
 * does (UTF-8, x-www-form-urlencoded, decoded once), can be slowed down or drop connections, and
 * posts pushes to a callback URL with a timeout, recording what came back.
 */
export type FakeControls = {
  /** Answer every request after this many ms (a slow provider). */
  slowMs: number;
  /** Drop this many next connections without answering (a flaky network). */
  dropNext: number;
};

export type FakeServer = { url: string; close(): Promise<void> };

export async function startFakeServer(
  controls: FakeControls,
  handle: (path: string, raw: string, request: IncomingMessage) => unknown,
): Promise<FakeServer> {
  const server: Server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (c: Buffer) => parts.push(c));
    request.on('end', () => {
      if (controls.dropNext > 0) {
        controls.dropNext--;
        request.socket.destroy();
        return;
      }
      const raw = Buffer.concat(parts).toString('utf8');
      const answer = () => send(response, handle((request.url ?? '/').split('?')[0] ?? '/', raw, request));
      if (controls.slowMs > 0) setTimeout(answer, controls.slowMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An answer sent as these exact bytes (not JSON-encoded): hostile replies, HTML error pages. */
export class RawReply {
  constructor(
    readonly status: number,
    readonly body: string | Uint8Array,
    readonly contentType = 'text/html;charset=UTF-8',
  ) {}
}

function send(response: ServerResponse, body: unknown): void {
  if (response.destroyed) return;
  if (body instanceof RawReply) {
    response.writeHead(body.status, { 'content-type': body.contentType });
    response.end(body.body);
    return;
  }
  const status = typeof body === 'object' && body !== null && 'httpStatus' in body ? Number((body as { httpStatus: number }).httpStatus) : 200;
  // Business errors are HTTP 200 with an error body (providers.md §0 rule 2).
  response.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
  response.end(JSON.stringify(body));
}

/** Form fields exactly as a server decodes them: one level of decoding, '+' as a space. */
export const formFields = (raw: string): Record<string, string> => Object.fromEntries(new URLSearchParams(raw));

export type PushAttempt = { at: number; status: number | null; body: unknown; acked: boolean };

/** One push: POST `body` to `url`; a failure, a timeout or anything but an ack counts as not acked. */
export async function postPush(url: string, body: string, contentType: string, acked: (reply: unknown) => boolean, timeoutMs: number): Promise<PushAttempt> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: not an ack */
    }
    return { at: Date.now(), status: response.status, body: parsed, acked: response.status === 200 && acked(parsed) };
  } catch {
    return { at: Date.now(), status: null, body: null, acked: false };
  }
}
