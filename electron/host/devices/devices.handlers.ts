import type { devicesContract } from '#shared/contract/devices.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const devicesHandlers: Handlers<typeof devicesContract, HostContext> = {
  'devices.getPrinter': (_input, ctx) => ctx.devices.getConfig(),
  'devices.setPrinter': (input, ctx) => (ctx.session.authorize(['supervisor', 'admin']), ctx.devices.setConfig(input)),
  'devices.testPrint': ({ printer }, ctx) => ctx.labels.testPrint(printer),
};
