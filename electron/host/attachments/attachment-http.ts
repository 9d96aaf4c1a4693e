import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clipUploadQuerySchema } from '#shared/contract/media.contract';
import { AppError } from '#shared/contract/errors';
import type { MediaService } from '../pack-video/media.service';
import { AttachmentTooLarge, ATTACHMENT_CAPS, isSha256 } from './attachment-store';

/** What the station server hands over once Host (and for uploads Origin and the token) passed. */
export type AttachmentRoutes = {
  /** True when the path is ours (`/attachments/…`); the route then answers the request itself. */
  owns(path: string): boolean;
  handle(request: IncomingMessage, response: ServerResponse, path: string, query: URLSearchParams): void;
};

export type ByteRange = { start: number; end: number };

/**
 * One `Range: bytes=…` against a file of `size` bytes: the range to send, null for the whole
 * file (no header, or one we do not serve such as several ranges), 'unsatisfiable' for 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/**
 * `/attachments/<sha256>?ticket=…` serves a stored video or picture with Range (a <video> seeks
 * by asking for byte ranges), a photo's thumbnail with `&thumb=1`; `POST /attachments/clips?order=…` streams a pack clip in, capped,
 * only while someone is logged in at the bench.
 */
export function createAttachmentRoutes(deps: {
  media: MediaService;
  /** A photo's thumbnail (made now if need be); null when there is none to make. */
  thumbOf?: (sha256: string) => Promise<string | null>;
  /** The logged-in packer's id, or null when the bench is locked or nobody is logged in. */
  benchUser: () => string | null;
  orderExists: (orderId: string) => boolean;
  log: (line: string, error?: unknown) => void;
}): AttachmentRoutes {
  const { media } = deps;
  const json = (response: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    response.end(text);
  };
  const empty = (response: ServerResponse, status: number, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-length': 0, ...headers });
    response.end();
  };

  function serve(request: IncomingMessage, response: ServerResponse, sha256: string, query: URLSearchParams): void {
    if (!media.ticketMatches(query.get('ticket') ?? '')) return empty(response, 401);
    const file = media.store.open(sha256);
    if (!file) return empty(response, 404);
    const range = parseRange(request.headers.range, file.bytes);
    const common = {
      'content-type': file.mime,
      'accept-ranges': 'bytes',
      // Content-addressed: the bytes under this name never change.
      'cache-control': 'private, max-age=31536000, immutable',
      'content-security-policy': "default-src 'none'; media-src 'self'; img-src 'self'",
    };
    if (range === 'unsatisfiable') return empty(response, 416, { 'content-range': `bytes */${file.bytes}` });
    const { start, end } = range ?? { start: 0, end: file.bytes - 1 };
    response.writeHead(range ? 206 : 200, {
      ...common,
      'content-length': Math.max(0, end - start + 1),
      ...(range ? { 'content-range': `bytes ${start}-${end}/${file.bytes}` } : {}),
    });
    if (request.method === 'HEAD' || file.bytes === 0) return void response.end();
    createReadStream(file.path, { start, end })
      .on('error', (error) => {
        deps.log('[station] sending an attachment failed', error);
        response.destroy();
      })
      .pipe(response);
  }

  async function upload(request: IncomingMessage, response: ServerResponse, query: URLSearchParams): Promise<void> {
    const packerId = deps.benchUser();
    if (packerId === null) return empty(response, 403);
    if ((request.headers['content-type'] ?? '').split(';')[0]?.trim() !== 'video/webm') return empty(response, 415);
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > ATTACHMENT_CAPS['video/webm']) return empty(response, 413, { connection: 'close' });
    const parsed = clipUploadQuerySchema.safeParse(Object.fromEntries(query));
    if (!parsed.success || !deps.orderExists(parsed.data.order)) return empty(response, 400);
    const { order, started, ended, duration } = parsed.data;
    try {
      const clip = await media.acceptClip(request, { orderId: order, startedAt: started, endedAt: ended, durationMs: duration, packerId });
      json(response, 201, { clip });
    } catch (error) {
      if (error instanceof AttachmentTooLarge) return empty(response, 413, { connection: 'close' });
      if (error instanceof AppError) return json(response, 400, { error: error.toShape() });
      deps.log('[station] storing a pack clip failed', error);
      if (!response.headersSent) empty(response, 500);
    }
  }

  return {
    owns: (path) => path === '/attachments' || path.startsWith('/attachments/'),
    handle(request, response, path, query) {
      const name = path.slice('/attachments/'.length);
      if (name === 'clips') {
        if (request.method !== 'POST') return empty(response, 405, { allow: 'POST' });
        void upload(request, response, query);
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return empty(response, 405, { allow: 'GET, HEAD' });
      if (!isSha256(name)) return empty(response, 404);
      // `thumb=1`: a photo's thumbnail for lists and phones, else the photo itself (any other file too).
      if (query.get('thumb') !== '1' || !deps.thumbOf || !media.ticketMatches(query.get('ticket') ?? '')) return serve(request, response, name, query);
      deps.thumbOf(name).then(
        (thumb) => serve(request, response, thumb ?? name, query),
        (error: unknown) => {
          deps.log('[station] making a thumbnail failed', error);
          serve(request, response, name, query);
        },
      );
    },
  };
}
