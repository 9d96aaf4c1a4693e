import type { auditContract } from '#shared/contract/audit.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const auditHandlers: Handlers<typeof auditContract, HostContext> = {
  'audit.list': (input, ctx) => (ctx.session.authorize(['supervisor', 'admin']), ctx.auditList.list(input, ctx.sync.benchRef)),
};
