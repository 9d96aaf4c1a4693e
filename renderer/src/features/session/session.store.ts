import { create } from 'zustand';
import type { Session } from '#shared/contract/session.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { onDesk } from '../desk/desk-mode';

/** Why this window locked the bench: the 锁定 button, or the idle timer. */
export type LockReason = 'manual' | 'idle';

type SessionState = {
  /** Null until the host has told us. */
  session: Session | null;
  /**
   * Why the bench is locked, when this window locked it: session.lock carries no reason, and a lock
   * found at start (or made by another window) has none here (null), so the lock screen claims none.
   */
  lockReason: LockReason | null;
  busy: boolean;
  error: UiError | null;
  /**
   * Asks the host who is at the bench. `lockOpen`: a browser page opened fresh finds a user at work
   * there and locks the bench instead of going on as them (shown locked at once, never the bench first).
   */
  load(options?: { lockOpen?: boolean }): Promise<void>;
  apply(session: Session): void;
  loginWithPin(pin: string): Promise<boolean>;
  logout(): Promise<void>;
  lock(reason: LockReason): Promise<void>;
  clearError(): void;
};

export const useSessionStore = create<SessionState>()((set, get) => {
  const run = async (fn: () => Promise<Session>): Promise<boolean> => {
    set({ busy: true, error: null });
    try {
      get().apply(await fn());
      return true;
    } catch (e) {
      set({ error: toUiError(e) });
      return false;
    } finally {
      set({ busy: false });
    }
  };
  return {
    session: null,
    lockReason: null,
    busy: false,
    error: null,
    async load(options = {}) {
      try {
        const session = await getApi().call('session.current', {});
        if (options.lockOpen && session.user && !session.locked) {
          get().apply({ ...session, locked: true });
          await run(() => getApi().call('session.lock', {}));
          return;
        }
        get().apply(session);
      } catch (e) {
        set({ error: toUiError(e) });
      }
    },
    apply(session) {
      set(session.locked ? { session } : { session, lockReason: null });
    },
    loginWithPin: (pin) => run(() => getApi().call('session.login', { pin })),
    logout: async () => {
      await run(() => getApi().call('session.logout', {}));
    },
    lock: async (reason) => {
      // Set first: the host's session.changed may arrive before its answer, and the lock screen shows at once.
      set({ lockReason: reason });
      if (!(await run(() => getApi().call('session.lock', {})))) set({ lockReason: null });
    },
    clearError: () => set({ error: null }),
  };
});

/**
 * True when a permission-gated action should ask for a supervisor PIN before calling the host.
 * Never on the phone desk: its user is the supervisor, and the hub refuses a PIN typed there.
 */
export function needsSupervisorPin(): boolean {
  if (onDesk()) return false;
  const user = useSessionStore.getState().session?.user;
  return !user || user.role === 'packer';
}

/** After a refusal: whether a supervisor's PIN could turn it. Never on the phone desk, for the same reason. */
export const pinMayHelp = (error: UiError): boolean => error.code === 'FORBIDDEN' && !onDesk();
