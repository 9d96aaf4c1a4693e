import { createElement, lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '#shared/i18n/catalog';
import { useDamageStore } from '../damage/damage.store';
import { useHandoverStore } from '../handover/handover.store';
import { useInboxStore } from '../inbox/inbox.store';

/** A record the tab opens over its list (the phone's back gesture closes it): which one is open, and the way back. */
export type DeskDetail = {
  open(): string | null;
  close(): void;
  subscribe(listener: () => void): () => void;
};

export type DeskTab = {
  id: string;
  label: MessageKey;
  screen: LazyExoticComponent<ComponentType>;
  /** A hook giving the count shown on the tab (what waits for the supervisor there); null or 0: none. */
  useCount?: () => number | null;
  detail?: DeskDetail;
};

/**
 * The phone's bottom tabs, in order; the first opens after login. A screen joins the phone with one
 * line here (its procedures must also be on the hub's list, electron/host/desk/desk-allowlist.ts).
 * Each loads on demand, like the desktop's back-office screens.
 */
export const deskTabs: readonly DeskTab[] = [
  {
    // The shop's thresholds are set at a bench, not from a phone.
    id: 'inbox', label: 'desk.tabs.inbox', screen: lazy(() => import('../inbox/InboxScreen').then((m) => ({ default: () => createElement(m.InboxScreen, { thresholds: false }) }))),
    useCount: () => useInboxStore((s) => s.counts?.total ?? null),
  },
  {
    id: 'damage', label: 'desk.tabs.damage', screen: lazy(() => import('../damage/DamageScreen').then((m) => ({ default: m.DamageScreen }))),
    // The inbox already counts the reports no one has decided: no request of its own.
    useCount: () => useInboxStore((s) => s.counts?.byKind.damage ?? null),
    detail: { open: () => useDamageStore.getState().selectedId, close: () => void useDamageStore.getState().select(null), subscribe: useDamageStore.subscribe },
  },
  { id: 'returns', label: 'desk.tabs.returns', screen: lazy(() => import('../returns/ReturnsList').then((m) => ({ default: m.ReturnsListScreen }))) },
  // A courier signs on the phone; the phone has no label printer (the 交接单 is downloaded).
  {
    id: 'handover', label: 'desk.tabs.handover',
    screen: lazy(() => import('../handover/HandoverScreen').then((m) => ({ default: () => createElement(m.HandoverScreen, { phone: true }) }))),
    detail: { open: () => useHandoverStore.getState().current?.id ?? null, close: () => useHandoverStore.getState().back(), subscribe: useHandoverStore.subscribe },
  },
  { id: 'dashboard', label: 'desk.tabs.dashboard', screen: lazy(() => import('../dashboard/DashboardScreen').then((m) => ({ default: m.DashboardScreen }))) },
  { id: 'audit', label: 'desk.tabs.audit', screen: lazy(() => import('../audit/AuditScreen').then((m) => ({ default: m.AuditScreen }))) },
];

/** The tab the address names (`#audit`: a reload keeps the tab), when it names one. */
export function tabOfHash(location: Pick<Location, 'hash'>): string | null {
  const tab = location.hash.replace(/^#/, '');
  return deskTabs.some((d) => d.id === tab) ? tab : null;
}
