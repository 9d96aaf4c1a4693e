import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { clipUploadQuerySchema } from '#shared/contract/media.contract';
import { AppError } from '#shared/contract/errors';
import type { MediaService } from '../pack-video/media.service';
import { parseRange } from '#shared/domain/attachments';
import type { FetchResult } from './attachment-fetch';
import { AttachmentTooLarge, ATTACHMENT_CAPS, isSha256 } from './attachment-store';

/**
 * Pack videos and pictures, one route code for every way in: the browser station and the phones'
 * desk (Node http, through `handle`) and the desktop window's own protocol (a Fetch `Request`,
 * through `respond`). Whoever calls has checked what its way in needs (Host, Origin, a token).
 */
export type AttachmentRoutes = {
  /** True when the path is ours (`/attachments/…`); the route then answers the request itself. */
  owns(path: string): boolean;
  /** The route as Fetch: `path` is the decoded request path (`/attachments/…`), the query is the request URL's. Never rejects. */
  respond(request: Request, path: string): Promise<Response>;
  /** The same route for Node's http server: the request is handed to `respond` and its answer written back. */
  handle(request: IncomingMessage, response: ServerResponse, path: string, query: URLSearchParams): void;
};

export { parseRange, type ByteRange } from '#shared/domain/attachments';

/** A request body as the store reads it (a Fetch body is a web stream, read chunk by chunk). */
async function* chunksOf(body: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * `/attachments/<sha256>?ticket=…` serves a stored video or picture with Range (a <video> seeks
 * by asking for byte ranges), a photo's thumbnail with `&thumb=1`; `POST /attachments/clips?order=…`
 * streams a pack clip in, capped, only while someone is logged in at the bench.
 */
export function createAttachmentRoutes(deps: {
  media: MediaService;
  /** A photo's thumbnail (made now if need be); null when there is none to make. */
  thumbOf?: (sha256: string) => Promise<string | null>;
  /**
   * A file not on this bench: fetched from the hub into the store (never throws). Absent, or not
   * paired, such a file answers as not uploaded.
   */
  fetchMissing?: (sha256: string) => Promise<FetchResult>;
  /** The logged-in packer's id, or null when the bench is locked or nobody is logged in. */
  benchUser: () => string | null;
  orderExists: (orderId: string) => boolean;
  log: (line: string, error?: unknown) => void;
}): AttachmentRoutes {
  const { media } = deps;
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
  const empty = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers: { 'content-length': '0', ...headers } });

  async function serve(request: Request, sha256: string, query: URLSearchParams): Promise<Response> {
    if (!media.ticketMatches(query.get('ticket') ?? '')) return empty(401);
    let file = media.store.open(sha256);
    if (!file) {
      // Made at another bench, or let go here to stay in the disk budget: the hub has it, or says why not.
      const fetched = deps.fetchMissing ? await deps.fetchMissing(sha256).catch((): FetchResult => 'hubUnreachable') : 'notUploaded';
      file = fetched === 'stored' ? media.store.open(sha256) : null;
      // A small JSON reason, never a 500: the screen shows "not yet uploaded from bench X" and the like.
      if (!file) return json(404, { error: fetched === 'stored' ? 'notUploaded' : fetched });
    }
    const range = parseRange(request.headers.get('range') ?? undefined, file.bytes);
    const common = {
      'content-type': file.mime,
      'accept-ranges': 'bytes',
      // Content-addressed: the bytes under this name never change.
      'cache-control': 'private, max-age=31536000, immutable',
      'content-security-policy': "default-src 'none'; media-src 'self'; img-src 'self'",
    };
    if (range === 'unsatisfiable') return empty(416, { 'content-range': `bytes */${file.bytes}` });
    const { start, end } = range ?? { start: 0, end: file.bytes - 1 };
    const headers = {
      ...common,
      'content-length': String(Math.max(0, end - start + 1)),
      ...(range ? { 'content-range': `bytes ${start}-${end}/${file.bytes}` } : {}),
    };
    if (request.method === 'HEAD' || file.bytes === 0) return new Response(null, { status: range ? 206 : 200, headers });
    const stream = createReadStream(file.path, { start, end }).on('error', (error) => deps.log('[station] sending an attachment failed', error));
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status: range ? 206 : 200, headers });
  }

  /** A photo from another bench comes from the hub first; its thumbnail is then made here (or was). */
  async function serveThumb(request: Request, sha256: string, query: URLSearchParams): Promise<Response> {
    if (!media.store.open(sha256) && deps.fetchMissing) await deps.fetchMissing(sha256).catch(() => null);
    const thumb = await deps.thumbOf!(sha256).catch((error: unknown) => {
      deps.log('[station] making a thumbnail failed', error);
      return null;
    });
    return serve(request, thumb ?? sha256, query);
  }

  async function upload(request: Request, query: URLSearchParams): Promise<Response> {
    const packerId = deps.benchUser();
    if (packerId === null) return empty(403);
    if ((request.headers.get('content-type') ?? '').split(';')[0]?.trim() !== 'video/webm') return empty(415);
    const declared = Number(request.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > ATTACHMENT_CAPS['video/webm']) return empty(413, { connection: 'close' });
    const parsed = clipUploadQuerySchema.safeParse(Object.fromEntries(query));
    if (!parsed.success || !deps.orderExists(parsed.data.order)) return empty(400);
    const { order, started, ended, duration } = parsed.data;
    try {
      const clip = await media.acceptClip(chunksOf(request.body), { orderId: order, startedAt: started, endedAt: ended, durationMs: duration, packerId });
      return json(201, { clip });
    } catch (error) {
      if (error instanceof AttachmentTooLarge) return empty(413, { connection: 'close' });
      if (error instanceof AppError) return json(400, { error: error.toShape() });
      deps.log('[station] storing a pack clip failed', error);
      return empty(500);
    }
  }

  async function respond(request: Request, path: string): Promise<Response> {
    let query: URLSearchParams;
    try {
      query = new URL(request.url).searchParams;
    } catch {
      return empty(400);
    }
    const name = path.slice('/attachments/'.length);
    if (name === 'clips') {
      if (request.method !== 'POST') return empty(405, { allow: 'POST' });
      return upload(request, query);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return empty(405, { allow: 'GET, HEAD' });
    if (!path.startsWith('/attachments/') || !isSha256(name)) return empty(404);
    // `thumb=1`: a photo's thumbnail for lists and phones, else the photo itself (any other file too).
    const thumb = query.get('thumb') === '1' && deps.thumbOf && media.ticketMatches(query.get('ticket') ?? '');
    try {
      return await (thumb ? serveThumb(request, name, query) : serve(request, name, query));
    } catch (error) {
      deps.log('[station] serving an attachment failed', error);
      return json(404, { error: 'hubUnreachable' });
    }
  }

  return {
    owns: (path) => path === '/attachments' || path.startsWith('/attachments/'),
    respond,
    handle(request, response, path, query) {
      void respond(fetchRequestOf(request, query), path).then(
        (answer) => writeResponse(answer, response, deps.log),
        (error: unknown) => {
          deps.log('[station] serving an attachment failed', error);
          if (!response.headersSent) response.writeHead(500, { 'content-length': 0 });
          response.end();
        },
      );
    },
  };
}

/** The headers the route reads; the rest of a Node request is not the route's business. */
const FORWARDED = ['range', 'content-type', 'content-length', 'authorization', 'origin'] as const;

/** A Node request as a Fetch one: its body streamed (never read into memory), only for a POST. */
function fetchRequestOf(request: IncomingMessage, query: URLSearchParams): Request {
  const headers = new Headers();
  for (const name of FORWARDED) {
    const value = request.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  const method = request.method ?? 'GET';
  const body = method === 'POST' ? (Readable.toWeb(request) as ReadableStream<Uint8Array>) : null;
  const search = query.toString();
  return new Request(`http://station/attachments${search ? `?${search}` : ''}`, { method, headers, body, ...(body ? { duplex: 'half' } : {}) } as RequestInit);
}

/** Writes a route's Response to Node's http response, streaming the body; a failing stream cuts the connection. */
function writeResponse(answer: Response, response: ServerResponse, log: (line: string, error?: unknown) => void): void {
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    headers[name] = value;
  });
  response.writeHead(answer.status, headers);
  if (!answer.body) return void response.end();
  Readable.fromWeb(answer.body as NodeReadableStream<Uint8Array>)
    .on('error', (error) => {
      log('[station] sending an attachment failed', error);
      response.destroy();
    })
    .pipe(response);
}
