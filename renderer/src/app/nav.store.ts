import { create } from 'zustand';

export const screens = ['bench', 'orders', 'catalog', 'shipments', 'flags', 'devices', 'settings'] as const;
export type Screen = (typeof screens)[number];

/** A part of a screen to bring into view on arrival (the sync indicator opens Settings at its panel). */
export type Section = 'sync';

type NavState = { screen: Screen; section: Section | null; go(screen: Screen, section?: Section): void; clearSection(): void };

/** Which screen is shown. No router: the app has a few fixed screens and no deep links. */
export const useNavStore = create<NavState>()((set) => ({
  screen: 'bench',
  section: null,
  go: (screen, section) => set({ screen, section: section ?? null }),
  clearSection: () => set({ section: null }),
}));
