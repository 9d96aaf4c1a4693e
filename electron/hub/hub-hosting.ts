import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { StationRole } from '#shared/contract/hub.contract';
import { createHub, type Hub } from './create-hub';
import { deskLink, type DeskFactory } from './desk-mount';
import { startHubServer, type HubServer } from './hub-server';
import type { WaybillProviderName } from './providers.port';
import { removeHubWaybillKeys, saveHubWaybillKeys } from './waybills/hub-waybill-keys';

/**
 * The hub inside a station (Settings: host the hub on this PC). It listens on every interface so
 * the shop's other PCs reach it — that is what the admin switched on — always over HTTPS with its
 * own certificate, and stores its data next to the station's, in hub.db, or in PostgreSQL when
 * DATABASE_URL is set. With `desk`, it also serves the supervisor's pages to phones (the desk
 * station in <data dir>/desk); the hub runs without them if they cannot start.
 */
export function createHubHosting(options: { appVersion: string; log?: (line: string) => void; desk?: DeskFactory }) {
  let hub: Hub | null = null;
  let hubDir: string | null = null;
  const requireDir = () => {
    if (!hubDir) throw new Error('the hub is not running');
    return hubDir;
  };
  let server: HubServer | null = null;
  let desk: Awaited<ReturnType<DeskFactory>> | null = null;
  const log = options.log ?? (() => {});
  const requireHub = () => {
    if (!hub) throw new Error('the hub is not running');
    return hub;
  };
  return {
    async start({ port, dataDir }: { port: number; dataDir: string }) {
      const databaseUrl = process.env['DATABASE_URL'];
      hubDir = dataDir;
      hub = await createHub({ dataDir, appVersion: options.appVersion, ...(databaseUrl ? { databaseUrl } : {}), ...(options.log ? { log: options.log } : {}) });
      desk = options.desk
        ? await options.desk(deskLink(hub), join(dataDir, 'desk')).catch((error: unknown) => {
            log(`hub: supervisor phone pages could not start: ${String(error)}`);
            return null;
          })
        : null;
      try {
        server = await startHubServer(hub, { port, host: '0.0.0.0', ...(desk ? { desk: desk.mount } : {}) });
      } catch (error) {
        await desk?.close();
        await hub.close();
        desk = null;
        hub = null;
        throw error;
      }
      const urls = lanUrls(server.port);
      // The phone opens the hub's own address: the pages live at its root.
      return { urls, localUrl: `https://127.0.0.1:${server.port}`, fingerprint: hub.tls.fingerprint, phoneUrls: desk ? urls.map((url) => `${url}/`) : [] };
    },
    async stop() {
      await server?.close();
      await desk?.close();
      await hub?.close();
      server = null;
      desk = null;
      hub = null;
    },
    running: () => server !== null,
    newPairingCode: (role: StationRole) => requireHub().newPairingCode(role),
    newReplacementCode: (stationId: string) => requireHub().newReplacementCode(stationId),
    revokeStation: (stationId: string) => requireHub().revokeStation(stationId),
    // Read by the hub on every call: an account entered here is used from the next fetch on.
    saveWaybillKeys: (provider: WaybillProviderName, keys: unknown) => void saveHubWaybillKeys(requireDir(), provider, keys),
    removeWaybillKeys: (provider: WaybillProviderName) => removeHubWaybillKeys(requireDir(), provider),
    async stations() {
      return (await requireHub().stations()).map((s) => ({
        stationId: s.stationId, name: s.name, role: s.role, lastSeen: s.lastSeen, appVersion: s.appVersion,
      }));
    },
  };
}

/** The IPv4 addresses other PCs on the shop's network can reach this one at. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

/** Hub URLs for the other PCs; loopback when this PC has no network. */
function lanUrls(port: number): string[] {
  const urls = lanAddresses().map((address) => `https://${address}:${port}`);
  return urls.length > 0 ? urls : [`https://127.0.0.1:${port}`];
}
