import type { sessionContract, ShopUser } from '#shared/contract/session.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';
import type { ListedUser } from './session.service';

/** Every bench's factory administrator has the same name: the list says whose each is. */
const shopUser = ({ benchOf, ...user }: ListedUser, ctx: HostContext): ShopUser => ({ ...user, bench: benchOf === null ? null : ctx.sync.benchRef(benchOf) });

export const sessionHandlers: Handlers<typeof sessionContract, HostContext> = {
  'session.login': (input, ctx) =>
    'pin' in input ? ctx.session.loginWithPin(input.pin) : ctx.session.loginWithBadgeOrFail(input.badge),
  'session.logout': (_input, ctx) => ctx.session.logout(),
  'session.lock': (_input, ctx) => ctx.session.lock(),
  'session.current': (_input, ctx) => ctx.session.current(),
  'users.list': (_input, ctx) => (ctx.session.authorize(['admin']), ctx.session.list().map((u) => shopUser(u, ctx))),
  // The admin station's factory administrator (published by it) names it, as in the admin's own list.
  'users.managedAt': (_input, ctx) => {
    ctx.session.authorize(['packer', 'supervisor', 'admin']);
    const benches = ctx.session.list().flatMap((u) => (u.role === 'admin' && u.benchOf !== null ? [ctx.sync.benchRef(u.benchOf)] : []));
    return { station: benches.find((b) => !b.thisBench) ?? null };
  },
  'users.save': (input, ctx) => shopUser(ctx.session.save(input, ctx.session.authorize(['admin'])), ctx),
};
