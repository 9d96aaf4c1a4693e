import { newId } from '../db/new-id';
import { AppError } from '#shared/contract/errors';
import type { UserRole } from '#shared/contract/common';
import type { Session, User } from '#shared/contract/session.contract';
import { msg } from '#shared/i18n/message';
import { FACTORY_ADMIN_NAME } from '#shared/domain/factory-names';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';
import { callerUser } from './caller-user';
import { hashBadge, hashPin, verifyPin } from './pin-hash';
import type { PinGuard } from './pin-guard';

type UserRow = { id: string; name: string; role: UserRole; pin_hash: string | null; badge_hash: string | null; active: number; bench_of: string | null };
export type Actor = { userId: string; authorizerId: string | null };
/** This bench: its station id, and whether it is paired with a shop's hub. */
/** This bench: its id, whether it is paired, and how far it has pulled the shop's log (a user's save says what it had seen). */
export type Bench = { id: () => string; paired: () => boolean; cursor: () => number };

const FACTORY_PIN = '0000';
const toUser = (row: UserRow): User => ({
  id: row.id, name: row.name, role: row.role, hasBadge: row.badge_hash !== null, active: row.active === 1, factoryAdmin: row.bench_of !== null,
});
/** A user with the bench whose factory administrator they are (null for the shop's other users). */
export type ListedUser = User & { benchOf: string | null };
const toListed = (row: UserRow): ListedUser => ({ ...toUser(row), benchOf: row.bench_of });
/**
 * Who is tried first when a PIN is typed: every bench's factory administrator starts with 0000, and
 * an admin station publishes its own, so one PIN can open several users here. This bench's own user
 * wins, then the shop's users, then other benches' administrators, each by name then id: never
 * whichever row SQLite happened to return first.
 */
const pinOrder = (here: string) => (a: UserRow, b: UserRow) => {
  const rank = (u: UserRow) => (u.bench_of === here ? 0 : u.bench_of === null ? 1 : 2);
  return rank(a) - rank(b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
};

/**
 * Who is at the bench. One station has one logged-in packer at a time (kept across restarts, so a
 * crash does not log the packer out); permission-gated actions accept a supervisor's PIN instead.
 * Users belong to the shop: each change is a user.saved op, so every bench logs in every user.
 * Every PIN typed at the bench goes through `pinGuard`, which makes guessing wait.
 */
export function createSessionService(db: Db, recorder: OpRecorder, bench: Bench, onChange: (s: Session) => void, pinGuard: PinGuard) {
  // Before this bench joins a shop its users are its own: they take effect here, and an admin
  // station publishes them when it pairs (publishAll).
  const local = () => !bench.paired();
  const q = {
    all: db.prepare('SELECT * FROM users ORDER BY name'),
    byId: db.prepare('SELECT * FROM users WHERE id = ?'),
    byBadge: db.prepare('SELECT * FROM users WHERE badge_hash = ? AND active = 1'),
    anyBadge: db.prepare('SELECT 1 FROM users WHERE badge_hash IS NOT NULL AND active = 1 LIMIT 1').pluck(),
    // A phone's user: an active supervisor or admin of the shop (ordered by the hub), never a bench's own user.
    remote: db.prepare("SELECT * FROM users WHERE id = ? AND active = 1 AND hub_seq IS NOT NULL AND role IN ('supervisor', 'admin')"),
    meta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  };

  if ((q.all.all() as UserRow[]).length === 0) {
    // This bench's factory administrator: a user of its own (the name shows the bench) once paired.
    // Its name is data as every version stored it; the screens say it in the reader's language (factory-names.ts).
    const name = FACTORY_ADMIN_NAME;
    inTransaction(db, () =>
      recorder.record('user.saved', { id: newId(), name, role: 'admin', pinHash: hashPin(FACTORY_PIN), badgeHash: null, active: true, benchOf: bench.id(), seenHubSeq: bench.cursor() }, { local: local() }),
    );
  }

  const saved = JSON.parse((q.meta.get('session') as string | undefined) ?? '{"userId":null,"locked":false}') as {
    userId: string | null;
    locked: boolean;
  };
  let userId = saved.userId;
  let locked = saved.locked;
  /** Why nobody is logged in, when it was not their own doing: their user was disabled (at another bench). */
  let endedBy: Session['endedBy'] = null;

  const users = () => q.all.all() as UserRow[];
  const findByPin = (pin: string) => users().sort(pinOrder(bench.id())).find((u) => u.active === 1 && u.pin_hash !== null && verifyPin(pin, u.pin_hash));
  /** The logged-in user, with the bench when they are another bench's factory administrator (its name as the sync last heard it). */
  const said = (row: UserRow): User => {
    if (row.bench_of === null || row.bench_of === bench.id()) return toUser(row);
    const names = JSON.parse((q.meta.get('sync.station_names') as string | undefined) ?? '{}') as Record<string, string>;
    return { ...toUser(row), otherBench: names[row.bench_of] ?? `#${row.bench_of.slice(-6)}` };
  };
  const current = (): User | null => {
    const remote = callerUser.id();
    if (remote !== null) {
      const row = q.remote.get(remote) as UserRow | undefined;
      return row ? said(row) : null;
    }
    const row = userId ? (q.byId.get(userId) as UserRow | undefined) : undefined;
    return row && row.active === 1 ? said(row) : null;
  };
  /** The bench's own session is changed at the bench only, never by a phone's request. */
  const atBench = () => {
    if (callerUser.id() !== null) throw new AppError('FORBIDDEN', msg('desk.benchOnly'));
  };
  // scrypt is deliberately slow; check the factory PIN once, and again only when users change.
  let factoryPinInUse: boolean | null = null;
  const snapshot = (): Session => {
    // A phone's session is its own login at the hub: never locked, and the bench's factory PIN is not its business.
    if (callerUser.id() !== null) return { user: current(), locked: false, defaultPinInUse: false, endedBy: null };
    return {
      user: current(),
      locked,
      endedBy,
      defaultPinInUse: (factoryPinInUse ??= users().some((u) => u.role === 'admin' && u.pin_hash !== null && verifyPin(FACTORY_PIN, u.pin_hash))),
    };
  };
  const commit = (next: { userId: string | null; locked: boolean }, why: Session['endedBy'] = null) => {
    atBench();
    userId = next.userId;
    locked = next.locked;
    endedBy = why;
    q.setMeta.run('session', JSON.stringify(next));
    const s = snapshot();
    onChange(s);
    return s;
  };

  return {
    current: snapshot,
    user: current,
    /** True when scans may be accepted. */
    isActive: () => current() !== null && (!locked || callerUser.id() !== null),
    loginWithPin(pin: string): Session {
      atBench();
      const row = pinGuard.attempt(userId, () => findByPin(pin), () => new AppError('FORBIDDEN', msg('session.wrongPin')));
      return commit({ userId: row.id, locked: false });
    },
    /** Returns null when the code is not anyone's badge, so the bench can treat it as an ordinary scan. */
    loginWithBadge(badge: string): Session | null {
      // A shop without badges never pays for the hash (a scrypt, ~8 ms) on every code that is nothing else.
      if (q.anyBadge.get() === undefined) return null;
      const row = q.byBadge.get(hashBadge(badge)) as UserRow | undefined;
      return row ? commit({ userId: row.id, locked: false }) : null;
    },
    loginWithBadgeOrFail(badge: string): Session {
      const session = this.loginWithBadge(badge);
      if (!session) throw new AppError('FORBIDDEN', msg('session.unknownBadge'));
      return session;
    },
    logout: () => commit({ userId: null, locked: false }),
    lock: () => commit({ userId, locked: userId !== null }),
    /**
     * Users changed through sync: a logged-in user disabled at another bench is logged out here now,
     * with the reason, not left on screen with every scan refused.
     */
    usersChanged(): void {
      if (userId === null || current() !== null) return;
      commit({ userId: null, locked: false }, 'disabled');
    },
    list: () => users().map(toListed),
    save(
      input: { id?: string | undefined; name: string; role: UserRole; pin?: string | undefined; badge?: string | undefined; active?: boolean | undefined },
      actor?: Actor,
    ): ListedUser {
      atBench();
      const clash = input.pin ? findByPin(input.pin) : undefined;
      const stillAnAdmin = users().some((u) => u.id !== input.id && u.role === 'admin' && u.active === 1);
      const removesAdmin = input.id !== undefined && (input.active === false || input.role !== 'admin');
      if (removesAdmin && !stillAnAdmin && users().find((u) => u.id === input.id)?.role === 'admin') {
        throw new AppError('CONFLICT', msg('session.lastAdmin'));
      }
      if (input.active === false && input.id === userId) throw new AppError('CONFLICT', msg('session.cannotDisableSelf'));
      if (clash && clash.id !== input.id) throw new AppError('CONFLICT', msg('session.pinTaken'));
      const badgeHash = input.badge ? hashBadge(input.badge) : undefined;
      const holder = badgeHash ? (q.byBadge.get(badgeHash) as UserRow | undefined) : undefined;
      if (holder && holder.id !== input.id) throw new AppError('CONFLICT', msg('session.badgeTaken'));
      factoryPinInUse = null;
      const before = input.id ? (q.byId.get(input.id) as UserRow | undefined) : undefined;
      const id = before?.id ?? newId();
      inTransaction(db, () =>
        recorder.record(
          'user.saved',
          {
            id, name: input.name, role: input.role, pinHash: input.pin ? hashPin(input.pin) : (before?.pin_hash ?? null),
            badgeHash: badgeHash ?? before?.badge_hash ?? null, active: input.active ?? (before ? before.active === 1 : true), benchOf: before?.bench_of ?? null,
            seenHubSeq: bench.cursor(),
          },
          { actor: actor ?? undefined, local: local() },
        ),
      );
      return toListed(q.byId.get(id) as UserRow);
    },
    /** Sends every user of this bench to the shop (an admin station joining a hub); call in a transaction. */
    publishAll(): void {
      for (const u of users()) {
        recorder.record('user.saved', {
          id: u.id, name: u.name, role: u.role, pinHash: u.pin_hash, badgeHash: u.badge_hash, active: u.active === 1, benchOf: u.bench_of, seenHubSeq: bench.cursor(),
        });
      }
    },
    /** The logged-in user, or AppError when nobody is (every bench event carries a packer id). */
    requireUser(): User {
      const user = current();
      if (!user || (locked && callerUser.id() === null)) throw new AppError('FORBIDDEN', msg('session.loginFirst'));
      return user;
    },
    /**
     * Permission gate: passes when the logged-in user holds one of `roles`, or when a supervisor's
     * PIN is given; the caller records both ids in the audit log. A PIN typed is always checked:
     * at a paired packer's bench the logged-in user's own role counts only if they are a shop user
     * (the op recorder decides), so the bench asks for a supervisor's PIN even then.
     */
    authorize(roles: readonly UserRole[], authorizerPin?: string): Actor {
      const user = this.requireUser();
      if (roles.includes(user.role) && !authorizerPin) return { userId: user.id, authorizerId: null };
      const refusal = () => new AppError('FORBIDDEN', msg('session.supervisorRequired'), { roles });
      // A phone's user acts on their own authority only: no PIN typed on a phone counts at the bench's pad.
      if (!authorizerPin || callerUser.id() !== null) throw refusal();
      // A PIN that is no one's, or not a supervisor's, is a wrong guess like at the login pad.
      const authorizer = pinGuard.attempt(user.id, () => {
        const row = findByPin(authorizerPin);
        return row && roles.includes(row.role) ? row : undefined;
      }, refusal);
      return { userId: user.id, authorizerId: authorizer.id };
    },
  };
}
export type SessionService = ReturnType<typeof createSessionService>;
