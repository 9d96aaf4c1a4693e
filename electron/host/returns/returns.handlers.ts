import type { returnsContract } from '#shared/contract/returns.contract';
import { AppError } from '#shared/contract/errors';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

const SUPERVISORS = ['supervisor', 'admin'] as const;

export const returnsHandlers: Handlers<typeof returnsContract, HostContext> = {
  'returns.lookup': ({ ref }, ctx) => {
    ctx.session.requireUser();
    return { found: ctx.returns.lookup(ref) };
  },
  'returns.receive': ({ authorizerPin, confirmed, ...input }, ctx) => {
    const packer = ctx.session.authorize(['packer', 'supervisor', 'admin']);
    // Said first, to anyone (a supervisor receiving the same parcel twice too); taken in once confirmed, on a supervisor's authority.
    return ctx.returns.receive(input, packer, (why) => {
      if (!confirmed) throw new AppError('CONFLICT', why);
      return ctx.session.authorize(SUPERVISORS, authorizerPin);
    });
  },
  'returns.list': (input, ctx) => {
    ctx.session.requireUser();
    return ctx.returns.list(input);
  },
  'returns.get': ({ id }, ctx) => {
    ctx.session.requireUser();
    return ctx.returns.get(id);
  },
};
