import type { dashboardContract } from '#shared/contract/dashboard.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const dashboardHandlers: Handlers<typeof dashboardContract, HostContext> = {
  'dashboard.get': ({ range }, ctx) => (ctx.session.authorize(['supervisor', 'admin']), ctx.dashboard.get(range)),
};
