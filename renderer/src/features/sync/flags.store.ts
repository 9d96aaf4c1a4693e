import { create } from 'zustand';
import type { Flag } from '#shared/contract/sync.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';

export type FlagFilter = 'open' | 'all';

type FlagsStore = {
  flags: Flag[];
  filter: FlagFilter;
  loading: boolean;
  error: UiError | null;
  /** The flag being resolved in the dialog. */
  resolving: { flag: Flag; busy: boolean; error: UiError | null } | null;
  load(): Promise<void>;
  setFilter(filter: FlagFilter): void;
  openResolve(flag: Flag): void;
  closeResolve(): void;
  resolve(resolution: string): Promise<boolean>;
};

/** Conflict flags every station sees (claims, double shipments, waybills, stock, damage decisions). */
export const useFlagsStore = create<FlagsStore>()((set, get) => {
  let request = 0;
  return {
    flags: [],
    filter: 'open',
    loading: false,
    error: null,
    resolving: null,
    async load() {
      const mine = ++request;
      set({ loading: true, error: null });
      try {
        const { flags } = await getApi().call('flags.list', { open: get().filter === 'open' });
        // A later load (the filter changed meanwhile) wins over an earlier one that answers late.
        if (mine === request) set({ flags });
      } catch (e) {
        if (mine === request) set({ error: toUiError(e) });
      } finally {
        if (mine === request) set({ loading: false });
      }
    },
    setFilter(filter) {
      if (filter === get().filter) return;
      set({ filter, flags: [] });
      void get().load();
    },
    openResolve: (flag) => set({ resolving: { flag, busy: false, error: null } }),
    closeResolve: () => set({ resolving: null }),
    async resolve(resolution) {
      const resolving = get().resolving;
      if (!resolving) return false;
      set({ resolving: { ...resolving, busy: true, error: null } });
      try {
        const done = await getApi().call('flags.resolve', { flagId: resolving.flag.flagId, resolution });
        // Stays in the list (marked resolved) until the next load, so the supervisor sees it took.
        set({ resolving: null, flags: get().flags.map((f) => (f.flagId === done.flagId ? done : f)) });
        return true;
      } catch (e) {
        set({ resolving: { ...resolving, busy: false, error: toUiError(e) } });
        return false;
      }
    },
  };
});
