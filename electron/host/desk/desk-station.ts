import { DESK_STATION_NAME } from '#shared/domain/factory-names';
import { APP_VERSION, createHost, type Host } from '../create-host';
import { migrations } from '../db/migrations/index';
import { ensurePrivateDir } from '../private-files';
import { createAuditRepo } from '../session/audit.repo';
import { inProcessHubFiles, type InProcessHubHandle } from '../sync/hub-files';
import type { HubTransport } from '../sync/hub-transport';
import { createDeskHttp, type DeskHttp } from './desk-http';
import { createDeskLogin } from './desk-login';
import { createDeskSessions } from './desk-sessions';

/** What the desk needs of the hub it lives in (electron/hub/desk-mount.ts makes it from a Hub). */
export type DeskLink = {
  /** The hub's entry point for files: photos reach phones through the desk's store, fetched from the hub. */
  handle: InProcessHubHandle;
  /** The hub's own entry point, called in-process: the same handler its HTTPS routes call. */
  transport: HubTransport;
  /** A one-time code to pair the desk as a supervisor station. */
  newPairingCode(): Promise<{ code: string }>;
  /** The hub's certificate fingerprint, pinned by the desk as by any station. */
  fingerprint: string;
  /** The key wrong PINs are counted under, from the client's address (IPv6 by its /64). */
  sourceKey(address: string | undefined): string;
};

/** The desk talks to its hub in-process: this URL is only what its sync status shows. */
const DESK_HUB_URL = 'https://127.0.0.1';
const SETTLE_MS = 3000;
/** Pushes from several benches within this long make one pull. */
const NUDGE_MS = 200;

/**
 * The supervisor's desk inside the hub: one ordinary station (`createHost`) on its own data
 * folder, paired once with this hub as a supervisor station named 主管台, syncing like any bench,
 * so every screen's host code answers phones from the shop's synced data. It has no serial
 * devices, hosts no hub, and its bench is never driven (the phone gateway allows no bench call).
 * Its identity is kept in its folder across restarts; it never takes over another station.
 */
export function startDesk(options: { link: DeskLink; dataDir: string; rendererDir: string; log: (line: string, error?: unknown) => void }): {
  http: DeskHttp;
  host: Host;
  /** Settles once the desk has paired with the hub (or found it was), or failed to (logged). */
  ready: Promise<void>;
  /** Another station pushed: sync soon (many pushes at once make one round). */
  nudge(): void;
  close(): Promise<void>;
} {
  const { link, log } = options;
  ensurePrivateDir(options.dataDir);
  const host = createHost({
    dataDir: options.dataDir, serial: false, log,
    sync: {
      // The desk never prints: the shop's waybill numbers stay with the benches.
      autoSync: true, hubHosting: null, leaseWaybills: false, transportFor: () => link.transport,
      filesFor: inProcessHubFiles(link.handle, { appVersion: APP_VERSION, schemaVersion: migrations.length }),
    },
  });
  const http = createDeskHttp({
    rendererDir: options.rendererDir, server: host.server, sessions: createDeskSessions(),
    login: createDeskLogin({ db: host.context.db, audit: createAuditRepo(host.context.recorder) }),
    attachments: host.attachments, sourceKey: link.sourceKey, log,
  });
  // In the background: the hub serves its stations (and the pages) while the desk pairs and catches up.
  let nudged: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  const joined = joinHub(host, link).catch((error: unknown) => log(`[desk] could not join the hub: ${error instanceof Error ? error.message : String(error)}`, error));
  return {
    http,
    host,
    ready: joined,
    nudge() {
      if (closed) return;
      nudged ??= setTimeout(() => {
        nudged = null;
        host.context.sync.service.syncNow().catch((error: unknown) => log('[desk] a sync round failed', error));
      }, NUDGE_MS);
    },
    async close() {
      closed = true;
      await joined;
      if (nudged) clearTimeout(nudged);
      http.closeConnections();
      host.context.sync.service.stop();
      // A round in flight finishes (or fails) before the database closes under it.
      for (let waited = 0; host.context.sync.service.status().state === 'syncing' && waited < SETTLE_MS; waited += 50) await new Promise((r) => setTimeout(r, 50));
      host.close();
    },
  };
}

/** Pairs the desk with this hub unless its folder is paired with it already (a folder from another hub joins this one). */
async function joinHub(host: Host, link: DeskLink): Promise<void> {
  const { sync } = host.context;
  const health = await link.transport({ method: 'GET', path: '/health', token: null });
  const hubId = (health.body as { hubId?: unknown } | null)?.hubId;
  if (sync.service.status().paired) {
    if (sync.meta.hubId() === hubId) return;
    sync.service.unpair();
  }
  const { code } = await link.newPairingCode();
  // Data as every version named it; the screens say it in the reader's language (factory-names.ts).
  const stationName = DESK_STATION_NAME;
  await sync.service.pair({ hubUrl: DESK_HUB_URL, code, fingerprint: link.fingerprint, insecureHttp: false, stationName });
}

/** For a hub's composition (CLI, desktop app): makes the desk on a folder the hub names, with the built renderer to serve. */
export const deskFactory =
  (rendererDir: string, log: (line: string, error?: unknown) => void) =>
  async (link: DeskLink, dataDir: string): Promise<{ mount: DeskHttp & { nudge(): void }; close(): Promise<void> }> => {
    const desk = startDesk({ link, dataDir, rendererDir, log });
    return { mount: { ...desk.http, nudge: desk.nudge }, close: () => desk.close() };
  };
