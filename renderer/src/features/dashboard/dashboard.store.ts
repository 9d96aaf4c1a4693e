import { create } from 'zustand';
import type { Dashboard, DashboardRange } from '#shared/contract/dashboard.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';

type DashboardStore = {
  range: DashboardRange;
  data: Dashboard | null;
  loading: boolean;
  error: UiError | null;
  setRange(range: DashboardRange): void;
  load(): Promise<void>;
};

/** The supervisor's figures for a range (today, 7 or 30 days), shop-wide when paired. */
export const useDashboardStore = create<DashboardStore>()((set, get) => {
  let request = 0;
  return {
    range: 'today',
    data: null,
    loading: false,
    error: null,
    setRange(range) {
      if (range === get().range) return;
      set({ range });
      void get().load();
    },
    async load() {
      const mine = ++request;
      set({ loading: true, error: null });
      try {
        const data = await getApi().call('dashboard.get', { range: get().range });
        if (mine === request) set({ data });
      } catch (e) {
        if (mine === request) set({ error: toUiError(e) });
      } finally {
        if (mine === request) set({ loading: false });
      }
    },
  };
});
