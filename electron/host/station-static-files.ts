import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

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
  "img-src 'self' data: blob: https:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What a request for the renderer's files comes to: a file to send, or the status to refuse with. */
export type StaticAnswer = { status: 200; file: string; body: Buffer } | { status: 400 | 403 | 405 | 503 };

/**
 * The path part of a request target, percent-decoded; null when it is not a plain origin-form path
 * or does not decode (`/%ff`, `/%`, an overlong UTF-8 `/%c0%ae`): such a request is answered 400.
 * NUL and backslashes never name one of our files and are refused the same way.
 */
export function decodeRequestPath(target: string): string | null {
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  let path: string;
  try {
    path = decodeURIComponent(target.split(/[?#]/, 1)[0] ?? '/');
  } catch {
    return null;
  }
  return /[\0\\]/.test(path) ? null : path;
}

/**
 * Serves the built renderer read-only from `rendererDir`; any unknown path gets index.html (one-page app).
 * `csp` and `pageCache` replace the station's policy and the page's caching (the hub's desk is stricter).
 */
export function createStaticFiles(rendererDir: string, options: { csp?: string; pageCache?: string } = {}) {
  const root = resolve(rendererDir);
  const isFile = (file: string) => fs.stat(file).then((s) => s.isFile(), () => false);

  async function find(request: IncomingMessage): Promise<StaticAnswer> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return { status: 405 };
    const path = decodeRequestPath(request.url ?? '');
    if (path === null) return { status: 400 };
    let file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root + sep)) return { status: 403 };
    if (!(await isFile(file))) file = join(root, 'index.html');
    try {
      return { status: 200, file, body: await fs.readFile(file) };
    } catch {
      return { status: 503 };
    }
  }

  return {
    find,
    send(response: ServerResponse, answer: StaticAnswer & { status: 200 }, head: boolean): void {
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(answer.file)] ?? 'application/octet-stream',
        'content-length': answer.body.length,
        'content-security-policy': options.csp ?? CSP,
        'cache-control': answer.file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : (options.pageCache ?? 'no-cache'),
      });
      response.end(head ? undefined : answer.body);
    },
  };
}
