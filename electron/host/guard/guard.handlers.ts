import type { guardContract } from '#shared/contract/guard.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const guardHandlers: Handlers<typeof guardContract, HostContext> = {
  'guard.summary': (_input, ctx) => (ctx.session.requireUser(), ctx.guard.summary()),
};
