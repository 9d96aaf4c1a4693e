import { create } from 'zustand';
import type { UserRole } from '#shared/contract/common';

export const screens = ['bench', 'orders', 'catalog', 'shipments', 'handover', 'inbox', 'damage', 'returns', 'dashboard', 'audit', 'devices', 'settings'] as const;
export type Screen = (typeof screens)[number];

/** Screens only some roles open (the host refuses the others their data anyway). */
const screenRoles: Partial<Record<Screen, readonly UserRole[]>> = { audit: ['supervisor', 'admin'], dashboard: ['supervisor', 'admin'] };
export const canOpen = (screen: Screen, role: UserRole | undefined): boolean => {
  const roles = screenRoles[screen];
  return roles === undefined || (role !== undefined && roles.includes(role));
};

/** A part of a screen to bring into view on arrival (the sync indicator opens Settings at its panel). */
export type Section = 'sync';

type NavState = {
  screen: Screen;
  /** The screens this window has: all of them at a bench; only its tabs on the phone's desk (desk.store sets them). */
  available: readonly Screen[];
  section: Section | null;
  /** A record to open on arrival (a damage report from the inbox); the screen reads it and clears it. */
  focus: string | null;
  go(screen: Screen, section?: Section, focus?: string): void;
  clearSection(): void;
};

/** Which screen is shown. No router: the app has a few fixed screens and no deep links. */
export const useNavStore = create<NavState>()((set) => ({
  screen: 'bench',
  available: screens,
  section: null,
  focus: null,
  go: (screen, section, focus) => set({ screen, section: section ?? null, focus: focus ?? null }),
  clearSection: () => set({ section: null }),
}));
