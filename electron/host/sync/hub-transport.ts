import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { AppError } from '#shared/contract/errors';
import { fingerprintMatches, formatFingerprint } from '#shared/domain/fingerprint';
import { msg } from '#shared/i18n/message';

/** One request to the hub, independent of how it travels (HTTPS here; in-process in the simulator). */
export type HubRequest = { method: 'GET' | 'POST'; path: string; token: string | null; query?: Record<string, string>; body?: unknown };
/** fingerprint: the whole SHA-256 fingerprint of the certificate the hub presented (HTTPS only). */
export type HubReply = { status: number; body: unknown; fingerprint?: string };
export type HubTransport = (request: HubRequest) => Promise<HubReply>;
/**
 * How a station trusts a hub URL: `pin` is the certificate fingerprint (lowercase hex, the whole
 * of it once paired, a prefix of at least 20 digits while pairing), or null for a plain-HTTP hub
 * the admin explicitly accepted as unsafe.
 */
export type HubTransportFactory = (hubUrl: string, pin: string | null) => HubTransport;

export const TIMEOUT_MS = 15_000;
/** A JSON answer bigger than this is not from a Packdesk hub (a pull page is bounded far below it). */
const REPLY_MAX_BYTES = 64 * 1024 * 1024;

/** The hub presented a certificate other than the pinned one: nothing was sent. */
export class HubIdentityMismatch extends AppError {
  readonly presentedText: string;
  readonly pinnedText: string;
  constructor(presented: string, pinned: string, url: string) {
    const presentedText = presented ? formatFingerprint(presented) : '—';
    const pinnedText = formatFingerprint(pinned);
    super('HUB_UNREACHABLE', msg('sync.error.hubIdentityChanged', { url, presented: presentedText, pinned: pinnedText }));
    this.presentedText = presentedText;
    this.pinnedText = pinnedText;
  }
}

/**
 * The hub over HTTPS with a pinned certificate (or plain HTTP when the pin is null). The pin is
 * checked when the TLS handshake completes, before the request is written: a hub with another key
 * never sees the token or a single op. A network failure or timeout throws HUB_UNREACHABLE (the
 * station is offline); every answer the hub gives, errors included, comes back as a reply.
 */
export function httpHubTransport(baseUrl: string, pin: string | null): HubTransport {
  const base = baseUrl.replace(/\/+$/, '');
  let seen: string | undefined;
  const agent = hubAgent(base, pin, (fingerprint) => (seen = fingerprint));
  return async ({ method, path, token, query, body }) => {
    const url = `${base}${path}${query ? `?${new URLSearchParams(query).toString()}` : ''}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {
      ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    const { status, text } = await send(url, { method, headers, agent, timeout: TIMEOUT_MS }, payload).catch(unreachable(base));
    return { status, body: parseReply(text), ...(seen ? { fingerprint: seen } : {}) };
  };
}

/** How the connections to one hub are made: pinned TLS for https://, plain keep-alive for an accepted http:// hub. */
export function hubAgent(base: string, pin: string | null, onVerified: (fingerprint: string) => void = () => {}): http.Agent {
  return base.startsWith('https:') ? new PinnedAgent(pin ?? '', base, onVerified) : new http.Agent({ keepAlive: true });
}

/** A network failure becomes HUB_UNREACHABLE (the station is offline); a refusal already said why stays as it is. */
export const unreachable = (base: string) => (error: unknown): never => {
  if (error instanceof AppError) throw error;
  const cause = error instanceof Error ? error.message : String(error);
  throw new AppError('HUB_UNREACHABLE', msg('sync.error.unreachable', { url: base, cause: cause.slice(0, 300) }));
};

/** A hub answers JSON; anything else is kept as a short excerpt that no schema accepts. */
export function parseReply(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return { error: 'not-a-hub', text: text.slice(0, 80) };
  }
}

export type SendOptions = { method: string; headers: Record<string, string | number>; agent: http.Agent; timeout: number };

/** One request and its whole (bounded) answer as text. */
export function send(url: string, options: SendOptions, payload: string | Uint8Array | undefined): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = (url.startsWith('https:') ? https : http).request(url, options, (response) => {
      const parts: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > REPLY_MAX_BYTES) request.destroy(new Error(`reply over ${REPLY_MAX_BYTES} bytes`));
        else parts.push(chunk);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeout / 1000} s`)));
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * Connections whose certificate matches the pin, or none. The hub's certificate is self-signed, so
 * no certificate authority can vouch for it: the pin is the whole of the trust, and it is checked
 * before the socket is handed to the request.
 */
class PinnedAgent extends https.Agent {
  constructor(
    private readonly pin: string,
    private readonly url: string,
    private readonly onVerified: (fingerprint: string) => void,
  ) {
    super({ keepAlive: true });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = tls.connect({ ...(options as tls.ConnectionOptions), rejectUnauthorized: false });
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      if (error) socket.destroy();
      callback?.(error, socket);
    };
    // The request's own timeout starts only once it has a socket: a hub that never finishes the handshake is cut here.
    socket.setTimeout(TIMEOUT_MS, () => settle(new Error(`no TLS handshake within ${TIMEOUT_MS / 1000} s`)));
    socket.once('secureConnect', () => {
      socket.setTimeout(0);
      const presented = (socket.getPeerCertificate().fingerprint256 ?? '').replace(/:/g, '').toLowerCase();
      if (!presented || !fingerprintMatches(presented, this.pin)) return settle(new HubIdentityMismatch(presented, this.pin, this.url));
      this.onVerified(presented);
      settle(null);
    });
    socket.once('error', (error) => settle(error));
    return undefined;
  }
}
