import { networkInterfaces } from 'node:os';
import type { StationRole } from '#shared/contract/hub.contract';
import { createHub, type Hub } from './create-hub';
import { startHubServer, type HubServer } from './hub-server';

/**
 * The hub inside a station (Settings: host the hub on this PC). It listens on every interface so
 * the shop's other PCs reach it — that is what the admin switched on — always over HTTPS with its
 * own certificate, and stores its data next to the station's, in hub.db, or in PostgreSQL when
 * DATABASE_URL is set.
 */
export function createHubHosting(options: { appVersion: string; log?: (line: string) => void }) {
  let hub: Hub | null = null;
  let server: HubServer | null = null;
  const requireHub = () => {
    if (!hub) throw new Error('the hub is not running');
    return hub;
  };
  return {
    async start({ port, dataDir }: { port: number; dataDir: string }) {
      const databaseUrl = process.env['DATABASE_URL'];
      hub = await createHub({ dataDir, appVersion: options.appVersion, ...(databaseUrl ? { databaseUrl } : {}), ...(options.log ? { log: options.log } : {}) });
      try {
        server = await startHubServer(hub, { port, host: '0.0.0.0' });
      } catch (error) {
        await hub.close();
        hub = null;
        throw error;
      }
      return { urls: lanUrls(server.port), localUrl: `https://127.0.0.1:${server.port}`, fingerprint: hub.tls.fingerprint };
    },
    async stop() {
      await server?.close();
      await hub?.close();
      server = null;
      hub = null;
    },
    running: () => server !== null,
    newPairingCode: (role: StationRole) => requireHub().newPairingCode(role),
    newReplacementCode: (stationId: string) => requireHub().newReplacementCode(stationId),
    revokeStation: (stationId: string) => requireHub().revokeStation(stationId),
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
