import { createReadStream } from 'node:fs';
import http from 'node:http';
import type { Readable } from 'node:stream';
import https from 'node:https';
import { HUB_PROTOCOL, type Versions } from '#shared/contract/hub.contract';
import { isAttachmentMime, type AttachmentMime } from '#shared/domain/attachments';
import { hubAgent, parseReply, send, TIMEOUT_MS, unreachable, type HubReply } from './hub-transport';

/** A photo shown on a screen: the hub must start answering within this, or the screen says it cannot reach it. */
const DOWNLOAD_FIRST_BYTE_MS = 8_000;

/** A complete file coming from the hub; the caller drains or destroys `stream`. */
export type HubDownload =
  | { status: 200; mime: AttachmentMime; bytes: number; stream: Readable }
  | { status: number; body: unknown };

/**
 * Files between a station and its hub, beside the ops (HubTransport): how much of a file the hub
 * holds, one chunk appended at an offset, and a download. Same pinned certificate, same token.
 */
export type HubFiles = {
  status(sha256: string): Promise<HubReply>;
  append(sha256: string, at: { offset: number; total: number; mime: AttachmentMime }, chunk: Uint8Array): Promise<HubReply>;
  download(sha256: string): Promise<HubDownload>;
};
/** null: this hub link carries no files (the in-process simulator). */
export type HubFilesFactory = (hubUrl: string, pin: string | null, token: string) => HubFiles;

/** HubFiles over HTTPS with the pinned certificate (plain HTTP only for a hub the admin accepted as unsafe). */
export function httpHubFiles(versions: Omit<Versions, 'protocol'>): HubFilesFactory {
  const agents = new Map<string, http.Agent>();
  return (hubUrl, pin, token) => {
    const base = hubUrl.replace(/\/+$/, '');
    // Its own connections: a long upload never holds a socket a push is waiting for.
    const key = `${base} ${pin ?? ''}`;
    if (!agents.has(key)) agents.set(key, hubAgent(base, pin));
    const agent = agents.get(key)!;
    const url = (path: string, query: Record<string, string | number>) =>
      `${base}${path}?${new URLSearchParams({ protocol: String(HUB_PROTOCOL), appVersion: versions.appVersion, schemaVersion: String(versions.schemaVersion), ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) })}`;
    const auth = { authorization: `Bearer ${token}` };
    const json = async (target: string, method: 'GET' | 'POST', headers: Record<string, string | number>, payload?: Uint8Array): Promise<HubReply> => {
      const { status, text } = await send(target, { method, headers, agent, timeout: TIMEOUT_MS }, payload).catch(unreachable(base));
      return { status, body: parseReply(text) };
    };
    return {
      status: (sha256) => json(url('/attachments/status', { sha256 }), 'GET', auth),
      append: (sha256, at, chunk) =>
        json(url('/attachments/chunk', { sha256, ...at }), 'POST', { ...auth, 'content-type': 'application/octet-stream', 'content-length': chunk.byteLength }, chunk),
      download: (sha256) => download(url('/attachments/file', { sha256 }), agent, auth).catch(unreachable(base)),
    };
  };
}

function download(url: string, agent: http.Agent, headers: Record<string, string>): Promise<HubDownload> {
  return new Promise((resolve, reject) => {
    const request = (url.startsWith('https:') ? https : http).request(url, { method: 'GET', headers, agent, timeout: TIMEOUT_MS }, (response) => {
      clearTimeout(firstByte);
      const status = response.statusCode ?? 0;
      const mime = (response.headers['content-type'] ?? '').split(';')[0]!.trim();
      const bytes = Number(response.headers['content-length']);
      if (status === 200 && isAttachmentMime(mime) && Number.isSafeInteger(bytes)) return resolve({ status: 200, mime, bytes, stream: response });
      // An error answer is small JSON; anything bigger is not worth reading.
      const parts: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > 64 * 1024) response.destroy();
        else parts.push(chunk);
      });
      response.on('end', () => resolve({ status: status === 200 ? 502 : status, body: parseReply(Buffer.concat(parts).toString('utf8')) }));
      response.on('error', reject);
      response.on('close', () => resolve({ status: status === 200 ? 502 : status, body: null }));
    });
    const firstByte = setTimeout(() => request.destroy(new Error(`no answer within ${DOWNLOAD_FIRST_BYTE_MS / 1000} s`)), DOWNLOAD_FIRST_BYTE_MS);
    request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on('error', (error) => {
      clearTimeout(firstByte);
      reject(error);
    });
    request.end();
  });
}

/** A hub answer as its entry point gives it in-process: a complete file comes as a path on this machine. */
export type InProcessHubAnswer = { status: number; body: unknown; file?: { path: string; mime: AttachmentMime; bytes: number } };
export type InProcessHubHandle = (request: { method: 'GET' | 'POST'; path: string; token: string | null; query: Record<string, string>; body?: unknown }) => Promise<InProcessHubAnswer>;

/**
 * HubFiles for a station living in the hub's own process (the phones' desk): the same routes,
 * called through the hub's entry point; a download reads the hub's file where it lies.
 */
export function inProcessHubFiles(handle: InProcessHubHandle, versions: Omit<Versions, 'protocol'>): HubFilesFactory {
  return (_hubUrl, _pin, token) => {
    const query = (q: Record<string, string | number>) => ({
      protocol: String(HUB_PROTOCOL), appVersion: versions.appVersion, schemaVersion: String(versions.schemaVersion),
      ...Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)])),
    });
    const json = async (path: string, method: 'GET' | 'POST', q: Record<string, string | number>, body?: Uint8Array): Promise<HubReply> => {
      const answer = await handle({ method, path, token, query: query(q), ...(body ? { body: Buffer.from(body) } : {}) });
      return { status: answer.status, body: JSON.parse(JSON.stringify(answer.body ?? null)) as unknown };
    };
    return {
      status: (sha256) => json('/attachments/status', 'GET', { sha256 }),
      append: (sha256, at, chunk) => json('/attachments/chunk', 'POST', { sha256, ...at }, chunk),
      async download(sha256) {
        const answer = await handle({ method: 'GET', path: '/attachments/file', token, query: query({ sha256 }) });
        if (answer.status === 200 && answer.file) return { status: 200, mime: answer.file.mime, bytes: answer.file.bytes, stream: createReadStream(answer.file.path) };
        return { status: answer.status === 200 ? 502 : answer.status, body: answer.body };
      },
    };
  };
}
