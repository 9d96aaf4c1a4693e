import type { StationRole } from '#shared/contract/hub.contract';
import type { LogWriter } from './hub-log.repo';

/**
 * Users looked up during one log transaction. A push of 500 ops a supervisor authorised asks
 * once, not 500 times; `user.saved` writes through it, so a later op in the same push sees the
 * change.
 */
const seen = new WeakMap<LogWriter, Map<string, StationRole | null>>();
/** Users known to exist (disabled or not), per log transaction: who did an op. */
const known = new WeakMap<LogWriter, Map<string, boolean>>();

const memoOf = (w: LogWriter) => {
  let memo = seen.get(w);
  if (!memo) seen.set(w, (memo = new Map()));
  return memo;
};

/** The role of an active user of the shop, or null (unknown, disabled). */
export async function userRole(w: LogWriter, userId: string): Promise<StationRole | null> {
  const memo = memoOf(w);
  const known = memo.get(userId);
  if (known !== undefined) return known;
  const row = await w.trx.selectFrom('hub_users').select(['role', 'active']).where('user_id', '=', userId).executeTakeFirst();
  const role = row && row.active === 1 ? row.role : null;
  memo.set(userId, role);
  return role;
}

/** Tells the lookups above what a `user.saved` just wrote. */
export function userChanged(w: LogWriter, userId: string, role: StationRole | null): void {
  memoOf(w).set(userId, role);
  known.get(w)?.set(userId, true);
}

/**
 * Who did an op, as the log keeps it: the station's user when the shop has (or had) them, disabled
 * since or not; else null (a bench's own user, or a name a station made up).
 */
export async function shopUser(w: LogWriter, userId: string | null): Promise<string | null> {
  if (userId === null) return null;
  let memo = known.get(w);
  if (!memo) known.set(w, (memo = new Map()));
  let found = memo.get(userId);
  if (found === undefined) {
    found = (await w.trx.selectFrom('hub_users').select('user_id').where('user_id', '=', userId).executeTakeFirst()) !== undefined;
    memo.set(userId, found);
  }
  return found ? userId : null;
}
