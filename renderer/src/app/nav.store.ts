import { create } from 'zustand';

export const screens = ['bench', 'orders', 'catalog', 'shipments', 'devices', 'settings'] as const;
export type Screen = (typeof screens)[number];

type NavState = { screen: Screen; go(screen: Screen): void };

/** Which screen is shown. No router: the app has six fixed screens and no deep links. */
export const useNavStore = create<NavState>()((set) => ({
  screen: 'bench',
  go: (screen) => set({ screen }),
}));
