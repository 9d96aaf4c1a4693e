import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hub } from './create-hub';
import { sourceKey } from './stations/source-address';

/**
 * The supervisor's pages the hub serves to phones beside its sync API (the desk station, made in
 * the composition root from electron/host/desk): the server hands it the requests it owns
 * (`/`, `/assets/…`, `/desk/…`) and every WebSocket upgrade, before its own routes see them.
 */
export type DeskMount = {
  owns(target: string): boolean;
  handle(request: IncomingMessage, response: ServerResponse): void;
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  closeConnections(): void;
  /** A station pushed ops: the desk catches up now rather than at its next poll. */
  nudge?(): void;
};

/** What the desk station needs of its hub: the hub's entry point in-process, a pairing code, its certificate, how clients are counted. */
export type DeskLink = {
  /** The hub's entry point as is, for files (a download is a path on this machine). */
  handle: Hub['handle'];
  transport(request: { method: 'GET' | 'POST'; path: string; token: string | null; query?: Record<string, string>; body?: unknown }): Promise<{ status: number; body: unknown; fingerprint: string }>;
  newPairingCode(): Promise<{ code: string }>;
  fingerprint: string;
  sourceKey(address: string | undefined): string;
};

/** A desk for this hub: the desk's own station folder, and its link. The hub runs on whether or not a desk starts. */
export type DeskFactory = (link: DeskLink, dataDir: string) => Promise<{ mount: DeskMount; close(): Promise<void> }>;

/**
 * The desk talks to the hub in the same process, through hub.handle — what the HTTPS routes call —
 * with bodies passed as JSON text both ways, as on the wire, and the certificate it would have seen.
 */
export function deskLink(hub: Hub): DeskLink {
  const wire = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  return {
    handle: (request) => hub.handle(request),
    async transport(request) {
      const response = await hub.handle({ ...request, body: wire(request.body) });
      return { status: response.status, body: wire(response.body) ?? null, fingerprint: hub.tls.fingerprint };
    },
    newPairingCode: () => hub.newPairingCode('supervisor'),
    fingerprint: hub.tls.fingerprint,
    sourceKey,
  };
}
