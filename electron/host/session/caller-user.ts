import { AsyncLocalStorage } from 'node:async_hooks';

const caller = new AsyncLocalStorage<string>();

/**
 * The user a remote page logged in as (a supervisor's phone at the hub's desk), for the request
 * being handled and every await of its handler. The session service answers with this user
 * instead of whoever is logged in at the bench, so what a phone does carries the phone's user.
 * Unset everywhere else: the bench's own windows act as the bench's session.
 */
export const callerUser = {
  run: <T>(userId: string, fn: () => T): T => caller.run(userId, fn),
  id: (): string | null => caller.getStore() ?? null,
};
