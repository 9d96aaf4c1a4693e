import type { damageContract } from '#shared/contract/damage.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const damageHandlers: Handlers<typeof damageContract, HostContext> = {
  'damage.report': (input, ctx) => ctx.damage.report(input, ctx.session.authorize(['packer', 'supervisor', 'admin'])),
  'damage.decide': ({ authorizerPin, ...input }, ctx) => ctx.damage.decide(input, ctx.session.authorize(['supervisor', 'admin'], authorizerPin)),
  'damage.list': (input, ctx) => ctx.damage.list(input),
  'damage.get': ({ id }, ctx) => ctx.damage.get(id),
  'damage.evidence': ({ reportId }, ctx) => ctx.evidence.build(reportId),
};
