import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '#shared/i18n/catalog';
import { useSyncStore } from '../sync/sync.store';

export type DeskTab = {
  id: string;
  label: MessageKey;
  screen: LazyExoticComponent<ComponentType>;
  /** A hook giving the count shown on the tab (what waits for the supervisor there); null or 0: none. */
  useCount?: () => number | null;
};

/**
 * The phone's bottom tabs, in order; the first opens after login. A screen joins the phone with one
 * line here (its procedures must also be on the hub's list, electron/host/desk/desk-allowlist.ts).
 * Each loads on demand, like the desktop's back-office screens.
 */
export const deskTabs: readonly DeskTab[] = [
  {
    id: 'flags', label: 'desk.tabs.flags', screen: lazy(() => import('../sync/FlagsScreen').then((m) => ({ default: m.FlagsScreen }))),
    useCount: () => useSyncStore((s) => s.status?.openFlags ?? null),
  },
  { id: 'damage', label: 'desk.tabs.damage', screen: lazy(() => import('../damage/DamageScreen').then((m) => ({ default: m.DamageScreen }))) },
  { id: 'returns', label: 'desk.tabs.returns', screen: lazy(() => import('../returns/ReturnsList').then((m) => ({ default: m.ReturnsListScreen }))) },
  { id: 'audit', label: 'desk.tabs.audit', screen: lazy(() => import('../audit/AuditScreen').then((m) => ({ default: m.AuditScreen }))) },
];
