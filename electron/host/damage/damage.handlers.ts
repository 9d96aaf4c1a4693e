import type { damageContract } from '#shared/contract/damage.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';
import { assertSupervisorStation } from '../sync/station-role';

export const damageHandlers: Handlers<typeof damageContract, HostContext> = {
  'damage.report': (input, ctx) => (ctx.session.requireUser(), ctx.damage.report(input)),
  'damage.decide': ({ reportId, decision, note }, ctx) => {
    ctx.session.authorize(['supervisor', 'admin']);
    assertSupervisorStation(ctx.sync.meta);
    return ctx.damage.decide(reportId, decision, note);
  },
  'damage.list': (_input, ctx) => ({ reports: ctx.damage.list() }),
};
