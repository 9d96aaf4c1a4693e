import { z } from 'zod';
import { AppError } from '#shared/contract/errors';
import type { HostingStatus } from '#shared/contract/sync.contract';
import type { StationRole } from '#shared/contract/hub.contract';
import type { SettingsRepo } from '../settings/settings.repo';
import type { HubHostingPort } from './hub-hosting.port';

const hostingSchema = z.object({ enabled: z.boolean(), port: z.number().int() }).default({ enabled: false, port: 5180 });

/**
 * Hosting the shop's hub on this PC: remembered across restarts; when it starts and this station
 * is not paired yet, it pairs itself as the admin station of its own hub.
 */
export function createHubHostingService(deps: {
  port: HubHostingPort | null; settings: SettingsRepo; dataDir: string; isPaired: () => boolean;
  pairSelf: (localUrl: string, code: string) => Promise<unknown>; log: (line: string, error?: unknown) => void;
}) {
  const { port, settings } = deps;
  let urls: string[] = [];
  let error: string | null = null;

  const requirePort = (): HubHostingPort => {
    if (!port) throw new AppError('INVALID_INPUT', '此版本不能运行同步中心 / this build cannot host the hub');
    return port;
  };

  async function start(portNumber: number) {
    const hosting = requirePort();
    try {
      const started = await hosting.start({ port: portNumber, dataDir: deps.dataDir });
      urls = started.urls;
      error = null;
      if (!deps.isPaired()) {
        const { code } = await hosting.newPairingCode('admin');
        await deps.pairSelf(started.localUrl, code);
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      deps.log(`hub hosting failed: ${error}`, e);
    }
  }

  return {
    /** At host start: bring the hub back up if this PC hosted it before. */
    async resume() {
      const saved = settings.get('hubHosting', hostingSchema);
      if (saved.enabled && port) await start(saved.port);
    },
    async status(): Promise<HostingStatus> {
      const saved = settings.get('hubHosting', hostingSchema);
      const running = port?.running() ?? false;
      return { enabled: saved.enabled, running, port: saved.port, urls: running ? urls : [], error, stations: running && port ? await port.stations() : [] };
    },
    async set(enabled: boolean, portNumber: number): Promise<HostingStatus> {
      const hosting = requirePort();
      settings.set('hubHosting', { enabled, port: portNumber });
      if (hosting.running()) await hosting.stop();
      if (enabled) await start(portNumber);
      else error = null;
      return this.status();
    },
    newPairingCode(role: StationRole) {
      const hosting = requirePort();
      if (!hosting.running()) throw new AppError('INVALID_INPUT', '请先在本机运行同步中心 / start hosting the hub on this PC first');
      return hosting.newPairingCode(role);
    },
    async revoke(stationId: string, ownStationId: string): Promise<HostingStatus> {
      const hosting = requirePort();
      if (!hosting.running()) throw new AppError('INVALID_INPUT', '请先在本机运行同步中心 / start hosting the hub on this PC first');
      if (stationId === ownStationId) throw new AppError('CONFLICT', '不能停用本机 / this PC cannot revoke itself');
      if (!(await hosting.revokeStation(stationId))) throw new AppError('NOT_FOUND', `没有这个工位 / no such station: ${stationId}`);
      return this.status();
    },
    stop: async () => {
      if (port?.running()) await port.stop();
    },
  };
}
export type HubHostingService = ReturnType<typeof createHubHostingService>;
