import type { StationRole } from '#shared/contract/hub.contract';
import type { HostingStatus } from '#shared/contract/sync.contract';

/**
 * A station can host the shop's hub (Settings: host the hub on this PC). The host never imports
 * the hub: the composition (desktop main, browser station) passes this port in.
 */
export type HubHostingPort = {
  start(options: { port: number; dataDir: string }): Promise<{ urls: string[]; localUrl: string }>;
  stop(): Promise<void>;
  running(): boolean;
  newPairingCode(role: StationRole): Promise<{ code: string; role: StationRole; expiresAt: string }>;
  stations(): Promise<HostingStatus['stations']>;
  /** false when no such station. */
  revokeStation(stationId: string): Promise<boolean>;
};
