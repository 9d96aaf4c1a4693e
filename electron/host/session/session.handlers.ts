import type { sessionContract } from '#shared/contract/session.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const sessionHandlers: Handlers<typeof sessionContract, HostContext> = {
  'session.login': (input, ctx) =>
    'pin' in input ? ctx.session.loginWithPin(input.pin) : ctx.session.loginWithBadgeOrFail(input.badge),
  'session.logout': (_input, ctx) => ctx.session.logout(),
  'session.lock': (_input, ctx) => ctx.session.lock(),
  'session.current': (_input, ctx) => ctx.session.current(),
  'users.list': (_input, ctx) => (ctx.session.authorize(['admin']), ctx.session.list()),
  'users.save': (input, ctx) => ctx.session.save(input, ctx.session.authorize(['admin'])),
};
