import { create } from 'zustand';
import type { InboxBench, InboxCounts, InboxKind, InboxResolution, InboxRow, InboxSettings } from '#shared/contract/inbox.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { pinMayHelp } from '../session/session.store';

export type InboxView = 'open' | 'resolved';

type Resolving = { row: InboxRow; busy: boolean; error: UiError | null; note: string; needsPin: boolean };

type InboxStore = {
  /** The badge's numbers: from inbox.counts at start, then every inbox.changed. */
  counts: InboxCounts | null;
  /** With a bench filter: that bench's open rows by kind, for the filter's chips (the badge keeps the shop's). */
  benchCounts: InboxCounts | null;
  rows: InboxRow[];
  benches: InboxBench[];
  resolutions: InboxResolution[];
  kind: InboxKind | null;
  bench: string | null;
  view: InboxView;
  loading: boolean;
  error: UiError | null;
  resolving: Resolving | null;
  settings: InboxSettings | null;
  loadCounts(): Promise<void>;
  /** The host's inbox.changed: new counts, and the list again when it is on screen. */
  applyCounts(counts: InboxCounts, onScreen: boolean): void;
  load(): Promise<void>;
  setKind(kind: InboxKind | null): void;
  setBench(bench: string | null): void;
  setView(view: InboxView): void;
  openResolve(row: InboxRow): void;
  closeResolve(): void;
  /** Closes the row with the note; a packer's bench asks for a supervisor's PIN and sends it along. */
  resolve(note: string, authorizerPin?: string): Promise<boolean>;
  loadSettings(): Promise<void>;
  saveSettings(next: InboxSettings): Promise<boolean>;
};

/** The exceptions inbox: what needs a human, from every bench, with the counts the top bar shows. */
export const useInboxStore = create<InboxStore>()((set, get) => {
  let request = 0;
  return {
    counts: null,
    benchCounts: null,
    rows: [],
    benches: [],
    resolutions: [],
    kind: null,
    bench: null,
    view: 'open',
    loading: false,
    error: null,
    resolving: null,
    settings: null,
    async loadCounts() {
      try {
        set({ counts: await getApi().call('inbox.counts', {}) });
      } catch {
        // The badge waits for the next inbox.changed; the screen says what went wrong when opened.
      }
    },
    applyCounts(counts, onScreen) {
      set({ counts });
      if (onScreen) void get().load();
    },
    async load() {
      const mine = ++request;
      const { kind, bench, view } = get();
      set({ loading: true, error: null });
      try {
        if (view === 'resolved') {
          const { resolutions } = await getApi().call('inbox.resolved', { limit: 100 });
          if (mine === request) set({ resolutions });
        } else {
          const list = await getApi().call('inbox.list', { kind, bench, limit: 200 });
          // A later load (a filter changed meanwhile) wins over an earlier one that answers late.
          if (mine === request) set({ rows: list.rows, benches: list.benches, counts: list.counts, benchCounts: list.benchCounts ?? null });
        }
      } catch (e) {
        if (mine === request) set({ error: toUiError(e) });
      } finally {
        if (mine === request) set({ loading: false });
      }
    },
    setKind(kind) {
      set({ kind, view: 'open' });
      void get().load();
    },
    setBench(bench) {
      set({ bench });
      void get().load();
    },
    setView(view) {
      if (view === get().view) return;
      set({ view });
      void get().load();
    },
    openResolve: (row) => set({ resolving: { row, busy: false, error: null, note: '', needsPin: false } }),
    closeResolve: () => set({ resolving: null }),
    async resolve(note, authorizerPin) {
      const resolving = get().resolving;
      if (!resolving) return false;
      set({ resolving: { ...resolving, note, busy: true, error: null } });
      try {
        const done = await getApi().call('inbox.resolve', { key: resolving.row.key, note, ...(authorizerPin ? { authorizerPin } : {}) });
        set({ resolving: null, counts: done.counts, rows: get().rows.filter((r) => r.key !== done.key) });
        return true;
      } catch (e) {
        const error = toUiError(e);
        // Refused for want of authority: the same note again, with a supervisor's PIN (a wrong PIN says so).
        const askPin = authorizerPin === undefined && pinMayHelp(error);
        set({ resolving: { ...resolving, note, busy: false, error: askPin ? null : error, needsPin: askPin || resolving.needsPin } });
        return false;
      }
    },
    async loadSettings() {
      try {
        set({ settings: await getApi().call('inbox.settings', {}) });
      } catch (e) {
        set({ error: toUiError(e) });
      }
    },
    async saveSettings(next) {
      try {
        set({ settings: await getApi().call('inbox.saveSettings', next), error: null });
        void get().load();
        return true;
      } catch (e) {
        set({ error: toUiError(e) });
        return false;
      }
    },
  };
});
