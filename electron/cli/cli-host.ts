import { contract, type Contract } from '#shared/contract/index';
import { AppError } from '#shared/contract/errors';
import type { Input, Output } from '#shared/rpc/define';
import { createHost, type Host } from '../host/create-host';
import { resolveDataDir } from '../host/data-dir';
export { startStationServer } from '../host/station-server';

export type CliHost = {
  host: Host;
  /** Calls a procedure through the same validated dispatch path as the UI; throws AppError on failure. */
  call<K extends keyof Contract & string>(method: K, input: Input<Contract, K>): Promise<Output<Contract, K>>;
};

let nextId = 1;

export function openCliHost(argv: readonly string[]): CliHost {
  const host = createHost({ dataDir: resolveDataDir(argv, process.env), log: (line, error) => console.error(line, error) });
  return {
    host,
    async call(method, input) {
      if (!(method in contract)) throw new AppError('UNKNOWN_METHOD', method);
      const response = await host.server.dispatch({ t: 'req', id: nextId++, method, input });
      if (!response.ok) throw new AppError(response.error.code, response.error.message, response.error.details);
      return response.value as never;
    },
  };
}
