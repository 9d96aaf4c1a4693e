import { DESKTOP_ATTACHMENT_SCHEME } from '#shared/domain/attachments';
import type { AttachmentRoutes } from './attachment-http';

/**
 * How the desktop app registers its scheme before the app is ready (Electron's
 * `protocol.registerSchemesAsPrivileged`): a standard, secure scheme the Fetch API may use (the clip
 * upload), with CORS (the page is a file) and streaming, so a <video> seeks by byte ranges.
 */
export const DESKTOP_ATTACHMENT_PRIVILEGES = {
  scheme: DESKTOP_ATTACHMENT_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
} as const;

const CORS = {
  // The page is a file (an opaque origin); what guards the files is the ticket, which only the app's
  // own page has (it comes over the RPC, whose sender main checks).
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'content-range, content-length, accept-ranges',
};

/**
 * The desktop window's `packdesk://attachments/…`: a Fetch `Request` in, a `Response` out, through
 * the very route the browser station serves `/attachments/…` with (ticket to read, Range, MIME, a
 * logged-in packer and an order that exists to upload). Where the station asks for its token on an
 * upload, this asks for the read ticket as the bearer: the window has no station token. Electron's
 * `protocol.handle` calls it as is (electron/main stays a thin adapter); it never rejects.
 */
export function createDesktopAttachments(deps: { routes: AttachmentRoutes; ticketMatches: (ticket: string) => boolean; log?: (line: string, error?: unknown) => void }) {
  const empty = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers: { 'content-length': '0', ...CORS, ...headers } });

  return async function respond(request: Request): Promise<Response> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return empty(400);
    }
    if (url.protocol !== `${DESKTOP_ATTACHMENT_SCHEME}:` || url.host !== 'attachments') return empty(404);
    // The upload's preflight (a file page posting video/webm with a bearer is a cross-origin request).
    if (request.method === 'OPTIONS') {
      return empty(204, { 'access-control-allow-methods': 'GET, HEAD, POST', 'access-control-allow-headers': 'authorization, content-type, range', 'access-control-max-age': '600' });
    }
    let path: string;
    try {
      path = `/attachments${decodeURIComponent(url.pathname)}`;
    } catch {
      return empty(400);
    }
    if (!deps.routes.owns(path)) return empty(404);
    if (request.method === 'POST') {
      const bearer = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
      if (!deps.ticketMatches(bearer)) return empty(401);
    }
    try {
      const answer = await deps.routes.respond(request, path);
      const headers = new Headers(answer.headers);
      for (const [name, value] of Object.entries(CORS)) headers.set(name, value);
      // `connection` means nothing here (no socket of ours): the network stack owns it.
      headers.delete('connection');
      return new Response(answer.body, { status: answer.status, headers });
    } catch (error) {
      deps.log?.('[desktop] serving an attachment failed', error);
      return empty(500);
    }
  };
}
