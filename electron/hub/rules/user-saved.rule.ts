import { msg } from '#shared/i18n/message';
import { userSavedOp } from '#shared/ops/user-saved.op';
import { userChanged } from '../sync/hub-users.repo';
import { flagUnseenOverwrite } from './concurrent-save';
import type { Rule } from './rule-context';

/**
 * The shop's users, in hub order. A badge already held by another active user stays theirs: the
 * user saved later with it (at another bench) loses the badge, and a supervisor is told. Every
 * station applies the same rule in the same order, so all agree on who holds it. A save that overwrote
 * another bench's change of the user unseen (a PIN, a role, disabling them) is flagged.
 */
export const userSaved: Rule<'user.saved'> = async (ctx, { seenHubSeq, ...p }) => {
  const concurrent = msg(userSavedOp.messages.concurrent, { user: p.name });
  await flagUnseenOverwrite(ctx, `user_saved:${p.id}`, seenHubSeq, p, 'user.concurrent-edit', concurrent);
  const { trx } = ctx.w;
  const holder = p.badgeHash
    ? await trx
        .selectFrom('hub_users')
        .select('user_id')
        .where('badge_hash', '=', p.badgeHash)
        .where('user_id', '!=', p.id)
        .where('active', '=', 1)
        .executeTakeFirst()
    : undefined;
  const row = { role: p.role, active: p.active ? 1 : 0, badge_hash: holder ? null : p.badgeHash, hub_seq: ctx.op.hubSeq };
  await trx.insertInto('hub_users').values({ user_id: p.id, ...row }).onConflict((oc) => oc.column('user_id').doUpdateSet(row)).execute();
  userChanged(ctx.w, p.id, p.active ? p.role : null);
  if (holder) {
    await ctx.raise('user.badge-clash', {
      orderId: null, stationIds: [ctx.op.stationId], opIds: [ctx.op.opId],
      message: msg(userSavedOp.messages.badgeClash, { user: p.name, other: holder.user_id }),
    });
  }
};
