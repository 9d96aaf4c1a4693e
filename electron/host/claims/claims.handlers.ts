import type { claimsContract } from '#shared/contract/claims.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const claimsHandlers: Handlers<typeof claimsContract, HostContext> = {
  'claims.list': (input, ctx) => ctx.claims.list(input),
  'claims.settle': ({ authorizerPin, ...input }, ctx) => ctx.claims.settle(input, ctx.session.authorize(['supervisor', 'admin'], authorizerPin)),
};
