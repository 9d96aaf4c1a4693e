import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/;

/** A host as browsers write it in Host and Origin: lower case, IPv6 in brackets. */
const asHostName = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host).toLowerCase();

const localAddresses = (): string[] =>
  Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((entry) => entry.address);

/** All values of one header, however a client repeated it (Node keeps only the first Host). */
export function headerValues(request: IncomingMessage, name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i]?.toLowerCase() === name) values.push(request.rawHeaders[i + 1] ?? '');
  }
  return values;
}

export type RequestGuard = {
  /** null when the Host header names this station; else the status to answer. */
  checkHost(request: IncomingMessage): number | null;
  /** null when no browser page of another origin sent the request; else the status to answer. */
  checkOrigin(request: IncomingMessage): number | null;
};

/**
 * Which names the browser station answers to. Any web page can make the browser send requests to
 * 127.0.0.1, and with DNS rebinding (evil.example resolving first to the attacker, then to
 * 127.0.0.1) it could even read the answers as its own origin. The browser always sends the name
 * it used in Host, so a request is served only when Host is a loopback name, or the address the
 * station was deliberately bound to (every local address when bound to all interfaces), on the
 * station's own port. The WebSocket, which can carry the bench's token, also refuses a browser
 * page whose Origin is not the station itself.
 */
export function createRequestGuard(boundHost: string, port: () => number): RequestGuard {
  const names = (): Set<string> => {
    const set = new Set(LOOPBACK_NAMES);
    if (WILDCARDS.has(boundHost)) localAddresses().forEach((address) => set.add(asHostName(address)));
    else set.add(asHostName(boundHost));
    return set;
  };
  const withPort = (name: string) => (port() === 80 ? name : `${name}:${port()}`);
  return {
    checkHost(request) {
      const hosts = headerValues(request, 'host');
      if (hosts.length > 1) return 400;
      const match = HOST_HEADER.exec((hosts[0] ?? '').trim().toLowerCase());
      if (!match?.[1]) return 421;
      const givenPort = match[2] === undefined ? 80 : Number(match[2]);
      return givenPort === port() && names().has(match[1]) ? null : 421;
    },
    checkOrigin(request) {
      const origins = headerValues(request, 'origin');
      // Browsers always send Origin on a WebSocket; a client without one is not a web page.
      if (origins.length === 0) return null;
      if (origins.length > 1) return 403;
      const origin = (origins[0] ?? '').trim().toLowerCase();
      return [...names()].some((name) => origin === `http://${withPort(name)}`) ? null : 403;
    },
  };
}
