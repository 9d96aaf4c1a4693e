import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { contract, type Contract } from '#shared/contract/index';
import { AppError } from '#shared/contract/errors';
import type { Input, Output } from '#shared/rpc/define';
import { createHost, type Host } from '../host/create-host';
import { resolveDataDir } from '../host/data-dir';
import { deskFactory } from '../host/desk/desk-station';
import type { HubHostingPort } from '../host/sync/hub-hosting.port';
export { startStationServer } from '../host/station-server';
// The CLI is a composition root: the commands reach the station core through here (the hub through cli-hub).
export { APP_VERSION } from '../host/create-host';
export { parseWaybillPool } from '../host/carriers/waybill-pool.parser';
export { checkPhoto } from '../host/attachments/photo-check';
export { resolveDataDir } from '../host/data-dir';

export type CliHost = {
  host: Host;
  /** Calls a procedure through the same validated dispatch path as the UI; throws AppError on failure. */
  call<K extends keyof Contract & string>(method: K, input: Input<Contract, K>): Promise<Output<Contract, K>>;
};

let nextId = 1;

/** The built renderer, out/renderer: this module sits in out/main, or in out/main/chunks once the commands load lazily. */
export const rendererDir = () =>
  [join(import.meta.dirname, '..', 'renderer'), join(import.meta.dirname, '..', '..', 'renderer')].find((dir) => existsSync(join(dir, 'index.html'))) ??
  join(import.meta.dirname, '..', 'renderer');

/** The supervisor's phone pages of a hub: the desk station (electron/host/desk), serving the built renderer. */
export const deskFor = (log: (line: string, error?: unknown) => void) => deskFactory(rendererDir(), log);

/**
 * A one-shot command's station only records (syncs nothing); `serve` keeps one running: it syncs on
 * its own and may host the hub (`hubHosting`, from cli-hub, so the others never load the hub).
 */
export function openCliHost(argv: readonly string[], serve?: { hubHosting: HubHostingPort }): CliHost {
  const log = (line: string, error?: unknown) => console.error(line, error ?? '');
  const host = createHost({
    dataDir: resolveDataDir(argv, process.env), log,
    sync: serve ? { autoSync: true, hubHosting: serve.hubHosting } : { autoSync: false },
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
