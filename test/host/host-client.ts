import type { Contract } from '#shared/contract/index';
import { AppError } from '#shared/contract/errors';
import type { Input, Output } from '#shared/rpc/define';
import type { Host } from '../../electron/host/create-host';
import { createTempHost } from './temp-host';

let nextId = 1;

/** Calls the host through its RPC dispatch (validation included), throwing AppError like the UI's api.call. */
export function hostCaller(host: Host) {
  return async function call<K extends keyof Contract & string>(method: K, input: Input<Contract, K>): Promise<Output<Contract, K>> {
    const response = await host.server.dispatch({ t: 'req', id: nextId++, method, input });
    if (!response.ok) throw new AppError(response.error.code, response.error.msg, response.error.details);
    return response.value as Output<Contract, K>;
  };
}

export { barcodeOf } from '../fixtures/synthetic-orders';

/** A fresh station (its own temporary folder) with the factory admin logged in; the caller closes what it pushes onto `open`. */
export async function adminStation(open: { close(): unknown }[]) {
  const host = createTempHost();
  open.push(host);
  const call = hostCaller(host);
  await call('session.login', { pin: '0000' });
  return { host, call };
}
