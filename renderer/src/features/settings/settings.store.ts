import { create } from 'zustand';
import type { Settings } from '#shared/contract/settings.contract';
import type { BenchRef, UserRole } from '#shared/contract/common';
import type { ShopUser } from '#shared/contract/session.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { applyStationLanguage, setLanguage } from '../../i18n/setup';
import { needsSupervisorPin, useSessionStore } from '../session/session.store';

export type SystemInfo = { version: string; dataDir: string; schemaVersion: number; orders: number; skus: number; stationId: string };
export type UserDraft = { id?: string; name: string; role: UserRole; pin?: string; badge?: string; active?: boolean };
export type SampleCounts = { orders: number; skus: number; waybills: number };

type SettingsStore = {
  settings: Settings | null;
  info: SystemInfo | null;
  users: ShopUser[];
  /** The admin station where the shop's users are managed, when this bench knows it. */
  usersManagedAt: BenchRef | null;
  saving: boolean;
  saved: boolean;
  error: UiError | null;
  usersError: UiError | null;
  samples: SampleCounts | null;
  samplesLoading: boolean;
  /** A save waiting for a supervisor's PIN (a packer pressed Save), with the last refusal. */
  pinAsk: { patch: Partial<Settings>; error: UiError | null } | null;
  load(): Promise<void>;
  update(patch: Partial<Settings>): Promise<boolean>;
  /** The Save button: a packer is asked for a supervisor's PIN first (as at the bench). */
  save(patch: Partial<Settings>): Promise<void>;
  authorize(pin: string): Promise<void>;
  cancelPin(): void;
  /** An edit after a save: "saved" no longer describes what is on screen. */
  edited(): void;
  changeLanguage(language: Settings['language']): Promise<void>;
  loadInfo(): Promise<void>;
  loadUsers(): Promise<void>;
  saveUser(user: UserDraft): Promise<boolean>;
  loadSamples(): Promise<void>;
};

export const useSettingsStore = create<SettingsStore>()((set, get) => {
  /** Stores the settings: the host's patch schema fills every missing field, so the whole document goes. */
  const send = async (patch: Partial<Settings>, pin?: string) => {
    const current = get().settings ?? (await getApi().call('settings.get', {}));
    const settings = await getApi().call('settings.update', { ...current, ...patch, ...(pin ? { authorizerPin: pin } : {}) });
    set({ settings, saved: true, error: null, pinAsk: null });
    applyStationLanguage(settings.language);
  };
  return {
    settings: null,
    info: null,
    users: [],
    usersManagedAt: null,
    saving: false,
    saved: false,
    error: null,
    usersError: null,
    samples: null,
    samplesLoading: false,
    pinAsk: null,
    async load() {
      try {
        const settings = await getApi().call('settings.get', {});
        set({ settings });
        applyStationLanguage(settings.language);
      } catch (e) {
        set({ error: toUiError(e) });
      }
    },
    async update(patch) {
      set({ saving: true, saved: false, error: null });
      try {
        await send(patch);
        return true;
      } catch (e) {
        set({ error: toUiError(e) });
        return false;
      } finally {
        set({ saving: false });
      }
    },
    async save(patch) {
      if (needsSupervisorPin()) {
        set({ pinAsk: { patch, error: null }, saved: false, error: null });
        return;
      }
      set({ saving: true, saved: false, error: null });
      try {
        await send(patch);
      } catch (e) {
        const error = toUiError(e);
        // Refused for want of authority: a supervisor's PIN is the way forward, not a dead end.
        set(error.code === 'FORBIDDEN' ? { pinAsk: { patch, error: null } } : { error });
      } finally {
        set({ saving: false });
      }
    },
    async authorize(pin) {
      const ask = get().pinAsk;
      if (!ask) return;
      set({ saving: true });
      try {
        await send(ask.patch, pin);
      } catch (e) {
        const error = toUiError(e);
        set(error.code === 'FORBIDDEN' ? { pinAsk: { ...ask, error } } : { pinAsk: null, error });
      } finally {
        set({ saving: false });
      }
    },
    cancelPin: () => set({ pinAsk: null }),
    edited() {
      if (get().saved) set({ saved: false });
    },
    /**
     * Applies at once and is remembered on this device (any user, a packer too); a supervisor or
     * admin also makes it the station's default (settings.update, which a packer may not call).
     */
    async changeLanguage(language) {
      setLanguage(language);
      if (needsSupervisorPin()) return;
      const current = get().settings;
      if (current) set({ settings: { ...current, language } });
      await get().update({ language });
    },
    async loadInfo() {
      try {
        set({ info: await getApi().call('system.info', {}) });
      } catch (e) {
        set({ error: toUiError(e) });
      }
    },
    async loadUsers() {
      try {
        // Only an admin may list users: anyone else is told where they are managed, never refused for opening Settings.
        const admin = useSessionStore.getState().session?.user?.role === 'admin';
        // The admin station's name only makes the note more precise: without it the note names no station.
        const managedAt = getApi().call('users.managedAt', {}).catch(() => ({ station: null }));
        const [users, managed] = await Promise.all([admin ? getApi().call('users.list', {}) : [], managedAt]);
        set({ users, usersManagedAt: managed.station, usersError: null });
      } catch (e) {
        set({ usersError: toUiError(e) });
      }
    },
    async saveUser(user) {
      set({ usersError: null });
      try {
        const saved = await getApi().call('users.save', {
          ...(user.id ? { id: user.id } : {}),
          name: user.name,
          role: user.role,
          ...(user.pin ? { pin: user.pin } : {}),
          ...(user.badge ? { badge: user.badge } : {}),
          ...(user.active !== undefined ? { active: user.active } : {}),
        });
        const users = get().users;
        set({ users: users.some((u) => u.id === saved.id) ? users.map((u) => (u.id === saved.id ? saved : u)) : [...users, saved] });
        // A new PIN may end the factory PIN's warning (or a change to oneself, their name or role): the session says so now.
        void useSessionStore.getState().load();
        return true;
      } catch (e) {
        set({ usersError: toUiError(e) });
        return false;
      }
    },
    async loadSamples() {
      set({ samplesLoading: true, error: null, samples: null });
      try {
        set({ samples: await getApi().call('system.loadSamples', {}) });
        await Promise.all([get().loadInfo(), get().load()]);
      } catch (e) {
        set({ error: toUiError(e) });
      } finally {
        set({ samplesLoading: false });
      }
    },
  };
});
