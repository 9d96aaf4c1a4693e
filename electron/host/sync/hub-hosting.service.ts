import { z } from 'zod';
import { AppError } from '#shared/contract/errors';
import type { StationRole } from '#shared/contract/hub.contract';
import type { HostingStatus } from '#shared/contract/sync.contract';
import { msg, type Message } from '#shared/i18n/message';
import type { SettingsRepo } from '../settings/settings.repo';
import type { HubHostingPort } from './hub-hosting.port';

const hostingSchema = z.object({ enabled: z.boolean(), port: z.number().int() }).default({ enabled: false, port: 5180 });

/**
 * Hosting the shop's hub on this PC: remembered across restarts; when it starts and this station
 * is not paired yet, it pairs itself as the admin station of its own hub, pinning the certificate
 * it knows first-hand (nobody has to type this PC's own fingerprint).
 */
export function createHubHostingService(deps: {
  port: HubHostingPort | null; settings: SettingsRepo; dataDir: string; isPaired: () => boolean;
  pairSelf: (localUrl: string, code: string, fingerprint: string) => Promise<unknown>; log: (line: string, error?: unknown) => void;
}) {
  const { port, settings } = deps;
  let urls: string[] = [];
  let phoneUrls: string[] = [];
  let fingerprint: string | null = null;
  let error: Message | null = null;

  const requirePort = (): HubHostingPort => {
    if (!port) throw new AppError('INVALID_INPUT', msg('sync.hosting.noBuild'));
    return port;
  };
  const requireRunning = (): HubHostingPort => {
    const hosting = requirePort();
    if (!hosting.running()) throw new AppError('INVALID_INPUT', msg('sync.hosting.notRunning'));
    return hosting;
  };

  async function start(portNumber: number) {
    const hosting = requirePort();
    try {
      const started = await hosting.start({ port: portNumber, dataDir: deps.dataDir });
      urls = started.urls;
      phoneUrls = started.phoneUrls ?? [];
      fingerprint = started.fingerprint;
      error = null;
      if (!deps.isPaired()) {
        const { code } = await hosting.newPairingCode('admin');
        await deps.pairSelf(started.localUrl, code, started.fingerprint);
      }
    } catch (e) {
      error = e instanceof AppError ? e.msg : msg('sync.hosting.failed', { reason: (e instanceof Error ? e.message : String(e)).slice(0, 500) });
      deps.log(`hub hosting failed: ${e instanceof Error ? e.message : String(e)}`, e);
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
      return {
        enabled: saved.enabled, running, port: saved.port, urls: running ? urls : [], phoneUrls: running ? phoneUrls : [], fingerprint: running ? fingerprint : null, error,
        stations: running && port ? await port.stations() : [],
      };
    },
    async set(enabled: boolean, portNumber: number): Promise<HostingStatus> {
      const hosting = requirePort();
      settings.set('hubHosting', { enabled, port: portNumber });
      if (hosting.running()) await hosting.stop();
      if (enabled) await start(portNumber);
      else error = null;
      return this.status();
    },
    newPairingCode: (role: StationRole) => requireRunning().newPairingCode(role),
    /** A code for the PC that replaces `stationId` (lost or broken): it continues that station. */
    async newReplacementCode(stationId: string, ownStationId: string) {
      const hosting = requireRunning();
      if (stationId === ownStationId) throw new AppError('CONFLICT', msg('sync.hosting.cannotReplaceSelf'));
      const code = await hosting.newReplacementCode(stationId);
      if (!code) throw new AppError('NOT_FOUND', msg('sync.hosting.noSuchStation', { stationId }));
      return code;
    },
    async revoke(stationId: string, ownStationId: string): Promise<HostingStatus> {
      const hosting = requireRunning();
      if (stationId === ownStationId) throw new AppError('CONFLICT', msg('sync.hosting.cannotRevokeSelf'));
      if (!(await hosting.revokeStation(stationId))) throw new AppError('NOT_FOUND', msg('sync.hosting.noSuchStation', { stationId }));
      return this.status();
    },
    /** The hosted hub's e-waybill accounts (null: this PC does not host the hub now). */
    waybillKeys: () => (port?.running() ? { save: port.saveWaybillKeys, remove: port.removeWaybillKeys } : null),
    stop: async () => {
      if (port?.running()) await port.stop();
    },
  };
}
export type HubHostingService = ReturnType<typeof createHubHostingService>;
