import { create } from 'zustand';
import type { Session } from '#shared/contract/session.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';

type SessionState = {
  /** Null until the host has told us. */
  session: Session | null;
  busy: boolean;
  error: UiError | null;
  load(): Promise<void>;
  apply(session: Session): void;
  loginWithPin(pin: string): Promise<boolean>;
  logout(): Promise<void>;
  lock(): Promise<void>;
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
    busy: false,
    error: null,
    async load() {
      try {
        get().apply(await getApi().call('session.current', {}));
      } catch (e) {
        set({ error: toUiError(e) });
      }
    },
    apply(session) {
      set({ session });
    },
    loginWithPin: (pin) => run(() => getApi().call('session.login', { pin })),
    logout: async () => {
      await run(() => getApi().call('session.logout', {}));
    },
    lock: async () => {
      await run(() => getApi().call('session.lock', {}));
    },
    clearError: () => set({ error: null }),
  };
});

/** True when a permission-gated action should ask for a supervisor PIN before calling the host. */
export function needsSupervisorPin(): boolean {
  const user = useSessionStore.getState().session?.user;
  return !user || user.role === 'packer';
}
