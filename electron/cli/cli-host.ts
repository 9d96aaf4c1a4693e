import { join } from 'node:path';
import { contract, type Contract } from '#shared/contract/index';
import { AppError } from '#shared/contract/errors';
import type { Input, Output } from '#shared/rpc/define';
import { APP_VERSION, createHost, type Host } from '../host/create-host';
import { resolveDataDir } from '../host/data-dir';
import { deskFactory } from '../host/desk/desk-station';
import { createHubHosting } from '../hub/hub-hosting';
export { startStationServer } from '../host/station-server';
// The CLI is a composition root: the commands reach the station core and the hub through here.
export { APP_VERSION } from '../host/create-host';
export { parseWaybillPool } from '../host/carriers/waybill-pool.parser';
export { checkPhoto } from '../host/attachments/photo-check';
export { resolveDataDir } from '../host/data-dir';
export { createHub, type Hub, type HubBackup } from '../hub/create-hub';
export { startHubServer } from '../hub/hub-server';
export { deskLink } from '../hub/desk-mount';
export { lanAddresses } from '../hub/hub-hosting';
export { scheduleBackups } from '../hub/backup/backup-schedule';
export { writePrivateFile } from '../hub/store/private-files';
export { PAIRING_TTL_MINUTES } from '../hub/stations/pairing.service';
export { saveTrackingKeys, TRACKING_KEYS_FILE } from '../hub/tracking/tracking-keys';
export { startTrackingCallbackServer } from '../hub/tracking/tracking-callback-server';
export { saveHubWaybillKeys, waybillProviderLabel } from '../hub/waybills/hub-waybill-keys';
export { checkHubWaybillAccounts } from '../hub/waybills/hub-waybills.service';
export { waybillProviderNames, WAYBILL_KEYS_MAX_BYTES, type WaybillProviderName } from '../hub/providers.port';

export type CliHost = {
  host: Host;
  /** Calls a procedure through the same validated dispatch path as the UI; throws AppError on failure. */
  call<K extends keyof Contract & string>(method: K, input: Input<Contract, K>): Promise<Output<Contract, K>>;
};

let nextId = 1;

/** The built renderer sits beside the built CLI: out/main/cli.js → out/renderer. */
export const rendererDir = () => join(import.meta.dirname, '..', 'renderer');

/** The supervisor's phone pages of a hub: the desk station (electron/host/desk), serving the built renderer. */
export const deskFor = (log: (line: string, error?: unknown) => void) => deskFactory(rendererDir(), log);

/** `serve` keeps a station running: it syncs on its own and may host the hub; one-shot commands only record. */
export function openCliHost(argv: readonly string[], mode: 'serve' | 'once' = 'once'): CliHost {
  const log = (line: string, error?: unknown) => console.error(line, error ?? '');
  const host = createHost({
    dataDir: resolveDataDir(argv, process.env), log,
    sync: mode === 'serve' ? { autoSync: true, hubHosting: createHubHosting({ appVersion: APP_VERSION, log, desk: deskFor(log) }) } : { autoSync: false },
  });
  return {
    host,
    async call(method, input) {
      if (!(method in contract)) throw new AppError('UNKNOWN_METHOD', { key: 'rpc.unknownMethod', params: { method } });
      const response = await host.server.dispatch({ t: 'req', id: nextId++, method, input });
      if (!response.ok) throw new AppError(response.error.code, response.error.msg, response.error.details);
      return response.value as never;
    },
  };
}
