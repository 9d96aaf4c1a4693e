import { createHash, randomBytes } from 'node:crypto';
import type { DeskEnding } from '#shared/contract/desk.contract';

/** A phone left alone this long must log in again. */
export const DESK_IDLE_MINUTES = 15;
/** However busy, a login lasts one working day at most. */
const MAX_AGE_MS = 12 * 60 * 60_000;
/** More phones than a shop has supervisors; past it, the session idle longest goes first. */
const MAX_SESSIONS = 200;

type Entry = { userId: string; createdAt: number; lastSeen: number };

/**
 * Logged-in phones, by the secret their cookie carries. Kept in memory: restarting the hub logs
 * every phone out. Stored by the secret's SHA-256, so a heap dump shows no usable cookie.
 */
export function createDeskSessions(options: { now?: () => number; idleMs?: number } = {}) {
  const now = options.now ?? Date.now;
  const idleMs = options.idleMs ?? DESK_IDLE_MINUTES * 60_000;
  const sessions = new Map<string, Entry>();
  const endListeners = new Set<(key: string) => void>();
  // Why recent sessions ended, so the phone can say it at the login (bounded: oldest forgotten first).
  const endings = new Map<string, DeskEnding>();
  const keyOf = (secret: string) => createHash('sha256').update(secret).digest('base64url');

  const end = (key: string, why: DeskEnding | null) => {
    if (!sessions.delete(key)) return;
    if (why !== null) {
      endings.set(key, why);
      if (endings.size > MAX_SESSIONS) endings.delete(endings.keys().next().value as string);
    }
    endListeners.forEach((l) => l(key));
  };
  /** Null while the session lives; else why it is over. */
  const over = (entry: Entry, at: number): DeskEnding | null => (at - entry.createdAt >= MAX_AGE_MS ? 'day' : at - entry.lastSeen >= idleMs ? 'idle' : null);

  return {
    /** A new session for `userId`; returns the cookie's secret. */
    start(userId: string): string {
      const at = now();
      for (const [key, entry] of sessions) {
        const why = over(entry, at);
        if (why !== null) end(key, why);
      }
      if (sessions.size >= MAX_SESSIONS) {
        const idlest = [...sessions].sort((a, b) => a[1].lastSeen - b[1].lastSeen)[0];
        if (idlest) end(idlest[0], 'idle');
      }
      const secret = randomBytes(32).toString('base64url');
      sessions.set(keyOf(secret), { userId, createdAt: at, lastSeen: at });
      return secret;
    },
    /** The session's user, counting this as activity; null when there is none or it expired (it is ended then). */
    touch(secret: string): string | null {
      const key = keyOf(secret);
      const entry = sessions.get(key);
      if (!entry) return null;
      const at = now();
      const why = over(entry, at);
      if (why !== null) {
        end(key, why);
        return null;
      }
      entry.lastSeen = at;
      return entry.userId;
    },
    /** Logs the session out: `revoked` when its user may no longer use the desk (said at the next login), null for a logout. */
    end: (secret: string, why: DeskEnding | null = null) => end(keyOf(secret), why),
    /** Why the secret's session ended, when it did lately and not by a logout. */
    endedWhy: (secret: string): DeskEnding | null => (sessions.has(keyOf(secret)) ? null : (endings.get(keyOf(secret)) ?? null)),
    /** The key a secret's session is known by, for connections to follow its end. */
    keyOf,
    /** Called with the session's key when it ends (logout, expiry found, eviction). */
    onEnd(listener: (key: string) => void): () => void {
      endListeners.add(listener);
      return () => endListeners.delete(listener);
    },
  };
}
export type DeskSessions = ReturnType<typeof createDeskSessions>;
