import type { damageContract } from '#shared/contract/damage.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const damageHandlers: Handlers<typeof damageContract, HostContext> = {
  'damage.report': (input, ctx) => ctx.damage.report(input, ctx.session.authorize(['packer', 'supervisor', 'admin'])),
  'damage.decide': ({ reportId, decision, note }, ctx) => ctx.damage.decide(reportId, decision, note, ctx.session.authorize(['supervisor', 'admin'])),
  'damage.list': (_input, ctx) => ({ reports: ctx.damage.list() }),
};
