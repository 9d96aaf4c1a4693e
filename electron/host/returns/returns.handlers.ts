import type { returnsContract } from '#shared/contract/returns.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const returnsHandlers: Handlers<typeof returnsContract, HostContext> = {
  'returns.lookup': ({ ref }, ctx) => {
    ctx.session.requireUser();
    return { found: ctx.returns.lookup(ref) };
  },
  'returns.receive': (input, ctx) => ctx.returns.receive(input, ctx.session.authorize(['packer', 'supervisor', 'admin'])),
  'returns.list': (input, ctx) => {
    ctx.session.requireUser();
    return ctx.returns.list(input);
  },
  'returns.get': ({ id }, ctx) => {
    ctx.session.requireUser();
    return ctx.returns.get(id);
  },
};
