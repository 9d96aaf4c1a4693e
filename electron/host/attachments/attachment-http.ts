import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clipUploadQuerySchema } from '#shared/contract/media.contract';
import { AppError } from '#shared/contract/errors';
import type { MediaService } from '../pack-video/media.service';
import { parseRange } from '#shared/domain/attachments';
import type { FetchResult } from './attachment-fetch';
import { AttachmentTooLarge, ATTACHMENT_CAPS, isSha256 } from './attachment-store';

/** What the station server hands over once Host (and for uploads Origin and the token) passed. */
export type AttachmentRoutes = {
  /** True when the path is ours (`/attachments/…`); the route then answers the request itself. */
  owns(path: string): boolean;
  handle(request: IncomingMessage, response: ServerResponse, path: string, query: URLSearchParams): void;
};

export { parseRange, type ByteRange } from '#shared/domain/attachments';

/**
 * `/attachments/<sha256>?ticket=…` serves a stored video or picture with Range (a <video> seeks
 * by asking for byte ranges); `POST /attachments/clips?order=…` streams a pack clip in, capped,
 * only while someone is logged in at the bench.
 */
export function createAttachmentRoutes(deps: {
  media: MediaService;
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
  const json = (response: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    response.end(text);
  };
  const empty = (response: ServerResponse, status: number, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-length': 0, ...headers });
    response.end();
  };

  async function serve(request: IncomingMessage, response: ServerResponse, sha256: string, query: URLSearchParams): Promise<void> {
    if (!media.ticketMatches(query.get('ticket') ?? '')) return empty(response, 401);
    let file = media.store.open(sha256);
    if (!file) {
      // Made at another bench, or let go here to stay in the disk budget: the hub has it, or says why not.
      const fetched = deps.fetchMissing ? await deps.fetchMissing(sha256).catch((): FetchResult => 'hubUnreachable') : 'notUploaded';
      file = fetched === 'stored' ? media.store.open(sha256) : null;
      // A small JSON reason, never a 500: the screen shows "not yet uploaded from bench X" and the like.
      if (!file) return json(response, 404, { error: fetched === 'stored' ? 'notUploaded' : fetched });
    }
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
      serve(request, response, name, query).catch((error: unknown) => {
        deps.log('[station] serving an attachment failed', error);
        if (!response.headersSent) json(response, 404, { error: 'hubUnreachable' });
        else response.destroy();
      });
    },
  };
}
