import { create } from 'zustand';
import type { DeskEnding, DeskSession, DeskUser } from '#shared/contract/desk.contract';
import { connectDeskApi } from '../../api/client';
import { useConnectionStore } from '../../api/connection.store';
import { toUiError, type UiError } from '../../api/errors';
import { screens, useNavStore, type Screen } from '../../app/nav.store';
import { useSessionStore } from '../session/session.store';
import { useInboxStore } from '../inbox/inbox.store';
import { useSyncStore } from '../sync/sync.store';
import { deskSession, postLogin, postLogout } from './desk-http';
import { markDesk } from './desk-mode';
import { forgetScreens } from './desk-reset';
import { deskTabs, tabOfHash } from './desk-tabs';

type DeskState = {
  /** Who is logged in on this phone; null shows the login. */
  user: DeskUser | null;
  idleMinutes: number;
  tab: string;
  busy: boolean;
  error: UiError | null;
  /**
   * The last session ended without a logout here: why, when the hub said (idle, or the user disabled
   * or no longer a supervisor), else 'unknown' (a restarted hub forgot): the login says so. False: it did not.
   */
  ended: DeskEnding | 'unknown' | false;
  begin(session: DeskSession): void;
  login(name: string, pin: string): Promise<boolean>;
  logout(): Promise<void>;
  go(tab: string): void;
};

/** Where this phone remembers the last name that logged in (never the PIN). */
const NAME_KEY = 'packdesk.desk.name';
export const rememberedName = (): string => {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
};

let link: { close(): void } | null = null;
let offLink: (() => void) | null = null;

/** Connects the RPC and wires what the phone's screens follow; when the socket drops, asks the hub whether the login still holds. */
function connect(onEnded: (why: DeskEnding | null) => void): void {
  // Late answers to the last login's requests may have landed after it ended: this login starts clean.
  forgetScreens();
  const { api, close } = connectDeskApi();
  const offs = [
    api.on('sync.changed', (status) => useSyncStore.getState().apply(status)),
    api.on('inbox.changed', (counts) => useInboxStore.getState().applyCounts(counts, useNavStore.getState().screen === 'inbox')),
    useConnectionStore.subscribe((now, before) => {
      if (now.status === 'down' && before.status !== 'down') void deskSession().then((s) => s?.user === null && onEnded(s.ended ?? null));
      if (now.reconnects !== before.reconnects) {
        void useSyncStore.getState().load();
        void useInboxStore.getState().loadCounts();
      }
    }),
  ];
  void useSessionStore.getState().load();
  void useSyncStore.getState().load();
  void useInboxStore.getState().loadCounts();
  link = { close };
  offLink = () => offs.forEach((off) => off());
}

function disconnect(): void {
  offLink?.();
  link?.close();
  link = null;
  offLink = null;
  useSessionStore.setState({ session: null });
  forgetScreens();
}

/** The phone shell's state: the login, the open tab, and the RPC connection that lives while logged in. */
export const useDeskStore = create<DeskState>()((set, get) => {
  const ended = (why: DeskEnding | null) => {
    disconnect();
    set({ user: null, ended: why ?? 'unknown' });
  };
  // The screens shared with the bench offer no supervisor-PIN pad here: the phone's user is the supervisor.
  markDesk();
  // The phone has its tabs only: a screen offers no way to the others (the inbox's "open order").
  useNavStore.setState({ available: screens.filter((s) => deskTabs.some((d) => d.id === s)) });
  // A screen that sends the reader to another (the inbox opening a damage report) moves the tab with it.
  useNavStore.subscribe((now) => {
    if (now.screen !== get().tab && deskTabs.some((d) => d.id === now.screen)) set({ tab: now.screen });
  });
  return {
    user: null,
    idleMinutes: 15,
    tab: deskTabs[0]?.id ?? '',
    busy: false,
    error: null,
    ended: false,
    begin(session) {
      // A phone opened again after its login ended (idle overnight) is told why, as one left open is.
      set({ user: session.user, idleMinutes: session.idleMinutes, ...(session.user === null && session.ended ? { ended: session.ended } : {}) });
      // A reload keeps the tab the address names.
      get().go(tabOfHash(window.location) ?? get().tab);
      if (session.user) connect(ended);
    },
    async login(name, pin) {
      set({ busy: true, error: null });
      try {
        const user = await postLogin(name, pin);
        try {
          localStorage.setItem(NAME_KEY, name.trim());
        } catch {
          // storage disabled: the name is typed again next time
        }
        set({ user, ended: false });
        // The tab the address asked for (a link to #damage opened before logging in) is where the login lands.
        get().go(tabOfHash(window.location) ?? get().tab);
        connect(ended);
        return true;
      } catch (error) {
        set({ error: toUiError(error) });
        return false;
      } finally {
        set({ busy: false });
      }
    },
    async logout() {
      disconnect();
      await postLogout();
      set({ user: null, ended: false, error: null });
    },
    go(tab) {
      set({ tab });
      // A tab that is also a desktop screen is that screen for the stores (the inbox reloads on inbox.changed while shown).
      if ((screens as readonly string[]).includes(tab)) useNavStore.getState().go(tab as Screen);
    },
  };
});
