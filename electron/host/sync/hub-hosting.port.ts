import type { StationRole } from '#shared/contract/hub.contract';
import type { HostingStatus } from '#shared/contract/sync.contract';
import type { WaybillProviderName } from '#shared/domain/e-waybill';

/** A pairing code as the hub makes it, with the fingerprint of the certificate it serves with. */
export type HostedPairingCode = { code: string; role: StationRole; expiresAt: string; replaces: string | null; fingerprint: string };

/**
 * A station can host the shop's hub (Settings: host the hub on this PC). The host never imports
 * the hub: the composition (desktop main, browser station) passes this port in.
 */
export type HubHostingPort = {
  /**
   * localUrl: how this PC reaches its own hub; fingerprint: the certificate it serves with (this PC
   * pins it without asking); phoneUrls: where supervisors' phones open the desk pages (none: not served).
   */
  start(options: { port: number; dataDir: string }): Promise<{ urls: string[]; localUrl: string; fingerprint: string; phoneUrls?: string[] }>;
  stop(): Promise<void>;
  running(): boolean;
  newPairingCode(role: StationRole): Promise<HostedPairingCode>;
  /** null when no such station. */
  newReplacementCode(stationId: string): Promise<HostedPairingCode | null>;
  stations(): Promise<HostingStatus['stations']>;
  /** false when no such station. */
  revokeStation(stationId: string): Promise<boolean>;
  /**
   * The hub's own e-waybill accounts (it fetches numbers for every bench), entered at the PC that
   * hosts it: checked field by field and kept in its data folder, readable by this user only.
   */
  saveWaybillKeys(provider: WaybillProviderName, keys: unknown): void;
  removeWaybillKeys(provider: WaybillProviderName): void;
};
