import { AppError } from '#shared/contract/errors';
import { attemptStateSchema, createAttemptGuard, freshAttempts, pinBackoff, type BackoffPolicy } from '#shared/domain/attempt-backoff';
import { msg } from '#shared/i18n/message';
import { inTransaction, type Db } from '../db/open-database';
import type { AuditRepo } from './audit.repo';

// The PIN pad names no user (a PIN is matched against everyone's), so wrong PINs are counted per
// bench: login and a supervisor's PIN for a gated action alike, since both guess the same PINs.
const BENCH = 'bench';
const metaKey = (scope: string) => `pin_attempts:${scope}`;

/**
 * Backoff for PINs typed at this bench (shared/domain/attempt-backoff), kept in the station's
 * database so a restart does not reset it. Every wrong PIN that locks the bench is audited.
 */
export function createPinGuard(deps: { db: Db; audit: AuditRepo; now?: () => number; policy?: BackoffPolicy }) {
  const { db, audit } = deps;
  const read = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const write = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const attempts = createAttemptGuard({
    store: {
      load(scope) {
        const raw = read.get(metaKey(scope)) as string | undefined;
        const parsed = attemptStateSchema.safeParse(raw === undefined ? undefined : JSON.parse(raw));
        return parsed.success ? parsed.data : freshAttempts;
      },
      save: (scope, state) => void write.run(metaKey(scope), JSON.stringify(state)),
    },
    now: deps.now ?? Date.now,
    policy: deps.policy ?? pinBackoff,
  });
  const waitError = (ms: number) => {
    const seconds = Math.ceil(ms / 1000);
    return new AppError('FORBIDDEN', msg('session.pinWait', { seconds }), { retryInSeconds: seconds });
  };

  return {
    /**
     * Runs `match` (the PIN check) unless the bench must wait, in which case it answers at once
     * without looking at the PIN. A match resets the count; a miss counts, and when it locks the
     * bench it is audited (with `actorId`, the user at the bench if any) and answered with the wait.
     */
    attempt<T>(actorId: string | null, match: () => T | undefined, refusal: () => AppError): T {
      const wait = attempts.wait(BENCH);
      if (wait > 0) throw waitError(wait);
      const found = match();
      if (found !== undefined) {
        attempts.succeeded(BENCH);
        return found;
      }
      const { lockMs } = inTransaction(db, () => {
        const result = attempts.failed(BENCH);
        if (result.lockMs > 0) {
          audit.record({ userId: actorId, authorizerId: null }, 'session.pinLockout', BENCH, { failures: result.failures, lockSeconds: Math.ceil(result.lockMs / 1000) });
        }
        return result;
      });
      throw lockMs > 0 ? waitError(lockMs) : refusal();
    },
  };
}
export type PinGuard = ReturnType<typeof createPinGuard>;
