import { create } from 'zustand';
import type { Settings } from '#shared/contract/settings.contract';
import type { UserRole } from '#shared/contract/common';
import type { ShopUser } from '#shared/contract/session.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { applyStationLanguage, setLanguage } from '../../i18n/setup';

export type SystemInfo = { version: string; dataDir: string; schemaVersion: number; orders: number; skus: number; stationId: string };
export type UserDraft = { id?: string; name: string; role: UserRole; pin?: string; badge?: string; active?: boolean };
export type SampleCounts = { orders: number; skus: number; waybills: number };

type SettingsStore = {
  settings: Settings | null;
  info: SystemInfo | null;
  users: ShopUser[];
  saving: boolean;
  saved: boolean;
  error: UiError | null;
  usersError: UiError | null;
  samples: SampleCounts | null;
  samplesLoading: boolean;
  load(): Promise<void>;
  update(patch: Partial<Settings>): Promise<boolean>;
  changeLanguage(language: Settings['language']): Promise<void>;
  loadInfo(): Promise<void>;
  loadUsers(): Promise<void>;
  saveUser(user: UserDraft): Promise<boolean>;
  loadSamples(): Promise<void>;
};

export const useSettingsStore = create<SettingsStore>()((set, get) => ({
  settings: null,
  info: null,
  users: [],
  saving: false,
  saved: false,
  error: null,
  usersError: null,
  samples: null,
  samplesLoading: false,
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
      // Always send the whole settings object: the host's patch schema fills every missing field with
      // its default (zod keeps .default() under .partial()), so a bare { language } would wipe the rest.
      const current = get().settings ?? (await getApi().call('settings.get', {}));
      const settings = await getApi().call('settings.update', { ...current, ...patch });
      set({ settings, saved: true });
      applyStationLanguage(settings.language);
      return true;
    } catch (e) {
      set({ error: toUiError(e) });
      return false;
    } finally {
      set({ saving: false });
    }
  },
  /** Applies at once on this screen, then stores it for the station (admins only). */
  async changeLanguage(language) {
    setLanguage(language);
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
      set({ users: await getApi().call('users.list', {}), usersError: null });
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
      await get().loadInfo();
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ samplesLoading: false });
    }
  },
}));
