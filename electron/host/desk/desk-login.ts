import { AppError } from '#shared/contract/errors';
import type { DeskLogin, DeskUser } from '#shared/contract/desk.contract';
import type { UserRole } from '#shared/contract/common';
import { createAttemptGuard, pinBackoff, type AttemptState, type AttemptStore, type BackoffPolicy } from '#shared/domain/attempt-backoff';
import { msg } from '#shared/i18n/message';
import { inTransaction, type Db } from '../db/open-database';
import { createSyncMetaRepo } from '../sync/sync-meta.repo';
import type { AuditRepo } from '../session/audit.repo';
import { verifyPinAsync } from '../session/pin-hash';

/**
 * Wrong PINs on the phone login are counted three ways, so that guessing is slow and nobody can
 * lock out anyone else:
 * - a name from one address: the bench's backoff (5 free tries, then 30 s doubling to 15 min);
 * - one address, whatever names it tries: 10 free, the same doubling (spraying names);
 * - a name from anywhere: 20 free, then at most a minute (many addresses guessing one user). The
 *   real supervisor, from their own phone, waits a minute at worst while that goes on.
 * A right PIN clears that name's and that address's counts.
 */
export const deskLoginPolicies = {
  nameAtSource: pinBackoff,
  source: { freeFailures: 10, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000 },
  name: { freeFailures: 20, firstDelayMs: 5_000, maxDelayMs: 60_000 },
} satisfies Record<string, BackoffPolicy>;

/**
 * Spread over many addresses, a minute per try still makes ~1,440 guesses a day at one name: a
 * 4-digit PIN falls within a week. So, as a bank app does, after this many wrong PINs in a row
 * for one name (from any addresses; a right PIN resets it) phone login for that name stops until
 * a long pause has passed. The bench PIN pad is not affected: whoever uses it stands at the bench.
 * Each lock is audited (session.deskLocked) and so reaches every bench's inbox as 手机登录已锁定; a
 * supervisor closing that row there (inbox.resolved, synced to this desk) unlocks the name sooner.
 */
export const DESK_LOCK_AFTER = 10;
export const DESK_LOCK_MS = 24 * 60 * 60_000;
/** Addresses remembered per name, for the audit's "from how many addresses". */
const SOURCES_MAX = 1000;

/** Counts in memory: only a hub restart resets them, which an attacker on the shop's Wi-Fi cannot do. */
const MAX_SCOPES = 20_000;
const FACTORY_PIN = '0000';

/** Bounded: when full, the oldest scope goes first (an address flooding new names only forgets its own oldest). */
function memoryStore(): AttemptStore {
  const states = new Map<string, AttemptState>();
  return {
    load: (scope) => states.get(scope) ?? { failures: 0, blockedUntil: 0 },
    save(scope, state) {
      states.delete(scope);
      if (state.failures === 0) return;
      if (states.size >= MAX_SCOPES) states.delete(states.keys().next().value as string);
      states.set(scope, state);
    },
  };
}

/** Names as people type them on a phone: case, width and spaces around do not matter. */
export const sameName = (name: string) => name.normalize('NFKC').trim().toLowerCase();

type Row = { id: string; name: string; role: UserRole; pin_hash: string; bench_of: string | null };

/**
 * Login by name and PIN against the shop's users as the desk station holds them (synced from the
 * hub): active supervisors and admins only. A bench's own users (its factory administrator before
 * pairing) were never sent to the hub and are not here; a packer, or a name that is nobody's, is
 * refused with the same words as a wrong PIN, so the answer never tells which one was wrong.
 */
export function createDeskLogin(deps: { db: Db; audit: AuditRepo; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const guards = {
    nameAtSource: createAttemptGuard({ store: memoryStore(), now, policy: deskLoginPolicies.nameAtSource }),
    source: createAttemptGuard({ store: memoryStore(), now, policy: deskLoginPolicies.source }),
    name: createAttemptGuard({ store: memoryStore(), now, policy: deskLoginPolicies.name }),
  };
  const candidates = deps.db.prepare(
    "SELECT id, name, role, pin_hash, bench_of FROM users WHERE active = 1 AND hub_seq IS NOT NULL AND role IN ('supervisor', 'admin') AND pin_hash IS NOT NULL",
  );
  const allowedUser = deps.db.prepare("SELECT id, name, role, bench_of FROM users WHERE id = ? AND active = 1 AND hub_seq IS NOT NULL AND role IN ('supervisor', 'admin')");
  const meta = createSyncMetaRepo(deps.db);
  // Every bench's factory administrator is a 管理员: the phone's top bar names theirs by its bench, as a bench's does.
  const said = ({ id, name, role, bench_of }: Omit<Row, 'pin_hash'>): DeskUser =>
    bench_of === null ? { id, name, role } : { id, name, role, factoryAdmin: true, otherBench: meta.stationNames()[bench_of] ?? `#${bench_of.slice(-6)}` };
  // The cost of one PIN check, spent when no user has the name (the answer takes as long either way).
  const decoy = `scrypt$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;

  // Per name: wrong PINs in a row from anywhere, from which addresses, since when it is locked and the audit entry that said so.
  const streaks = new Map<string, { failures: number; sources: Set<string>; lockedAt: number | null; auditId: string | null }>();
  // The inbox row of a lock is keyed by its audit entry; its resolution reaches this desk as any bench's op does.
  const resolvedRow = deps.db.prepare('SELECT 1 FROM inbox_resolutions WHERE key = ?').pluck();
  /** Lets the name in again at once: its streak starts afresh (the backoffs still count each address). */
  const unlock = (name: string): boolean => streaks.delete(sameName(name));
  const lockedNow = (name: string): boolean => {
    const streak = streaks.get(name);
    if (streak?.lockedAt == null) return false;
    const closed = streak.auditId !== null && resolvedRow.get(`desk-locked:${streak.auditId}`) !== undefined;
    if (!closed && now() - streak.lockedAt < DESK_LOCK_MS) return true;
    unlock(name); // the long pause is over, or a supervisor unlocked it from the inbox: a fresh start
    return false;
  };
  /** One more wrong PIN for the name; true when this one locks it. */
  const wrongFor = (name: string, source: string): { locks: boolean; failures: number; sources: number } => {
    const streak = streaks.get(name) ?? { failures: 0, sources: new Set<string>(), lockedAt: null, auditId: null };
    streaks.delete(name);
    if (streaks.size >= MAX_SCOPES) streaks.delete(streaks.keys().next().value as string);
    streaks.set(name, streak);
    streak.failures++;
    if (streak.sources.size < SOURCES_MAX) streak.sources.add(source);
    const locks = streak.lockedAt === null && streak.failures >= DESK_LOCK_AFTER;
    if (locks) streak.lockedAt = now();
    return { locks, failures: streak.failures, sources: streak.sources.size };
  };

  const waitError = (ms: number) => {
    const seconds = Math.ceil(ms / 1000);
    return new AppError('FORBIDDEN', msg('desk.login.wait', { seconds }), { retryInSeconds: seconds });
  };

  return {
    /** The user, or AppError: FORBIDDEN (wrong, or wait with retryInSeconds). `source`: the caller's address key. */
    async login(input: DeskLogin, source: string): Promise<DeskUser> {
      const everyone = candidates.all() as Row[];
      // Not a wrong guess: this desk has not received the shop's supervisors yet (just started, or never paired).
      if (everyone.length === 0) throw new AppError('NOT_FOUND', msg('desk.login.noSupervisors'));
      const name = sameName(input.name);
      // Locked: refused before the PIN is looked at, the right one too, whoever asks; said plainly.
      if (lockedNow(name)) throw new AppError('FORBIDDEN', msg('desk.login.locked', { hours: DESK_LOCK_MS / 3_600_000 }));
      const scopes = [['nameAtSource', `${name}@${source}`], ['source', source], ['name', name]] as const;
      const wait = Math.max(...scopes.map(([g, scope]) => guards[g].wait(scope)));
      if (wait > 0) throw waitError(wait);
      // Counted before the (slow) check, so tries sent at once cannot all pass as the first; a right PIN clears them.
      const counted = scopes.map(([g, scope]) => guards[g].failed(scope));
      const rows = everyone.filter((r) => sameName(r.name) === name);
      let found: Row | undefined;
      for (const row of rows) if (await verifyPinAsync(input.pin, row.pin_hash)) found ??= row;
      if (rows.length === 0) await verifyPinAsync(input.pin, decoy);
      if (found) {
        for (const [g, scope] of scopes) guards[g].succeeded(scope);
        streaks.delete(name);
        // The factory PIN is printed in the README: reachable from the shop's Wi-Fi, it is no secret.
        if (input.pin === FACTORY_PIN) throw new AppError('FORBIDDEN', msg('desk.login.factoryPin'));
        return said(found);
      }
      const streak = wrongFor(name, source);
      if (streak.locks) {
        const auditId = inTransaction(deps.db, () =>
          deps.audit.record({ userId: null, authorizerId: null }, 'session.deskLocked', 'desk', {
            failures: streak.failures, sources: streak.sources, lockHours: DESK_LOCK_MS / 3_600_000, name: input.name.trim().slice(0, 40),
          }),
        );
        const locked = streaks.get(name);
        if (locked) locked.auditId = auditId;
        throw new AppError('FORBIDDEN', msg('desk.login.locked', { hours: DESK_LOCK_MS / 3_600_000 }));
      }
      const lockMs = Math.max(...counted.map((c) => c.lockMs));
      if (counted[0]!.lockMs > 0) {
        inTransaction(deps.db, () =>
          deps.audit.record({ userId: null, authorizerId: null }, 'session.pinLockout', 'desk', {
            failures: counted[0]!.failures, lockSeconds: Math.ceil(counted[0]!.lockMs / 1000), name: input.name.trim().slice(0, 40), source: source.slice(0, 64),
          }),
        );
      }
      throw lockMs > 0 ? waitError(lockMs) : new AppError('FORBIDDEN', msg('desk.login.wrong'));
    },
    /** Ends a name's lock before its pause is over (as closing its inbox row does). True when it was locked or counting. */
    unlock,
    /** A logged-in phone's user while they may still act (active, a supervisor or admin of the shop); else null. */
    user: (userId: string): DeskUser | null => {
      const row = allowedUser.get(userId) as Omit<Row, 'pin_hash'> | undefined;
      return row ? said(row) : null;
    },
  };
}
export type DeskLoginService = ReturnType<typeof createDeskLogin>;
