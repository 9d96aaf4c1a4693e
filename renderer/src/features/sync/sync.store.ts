import { create } from 'zustand';
import type { SyncStatus } from '#shared/contract/sync.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';

/** The pairing form as typed: fingerprint for an https:// hub, insecureHttp to accept an http:// one. */
export type PairDraft = { hubUrl: string; code: string; stationName: string; fingerprint: string; insecureHttp: boolean };

type SyncStore = {
  /** Null until the host has answered sync.status. */
  status: SyncStatus | null;
  /** Which action is running, so only its button shows "working". */
  busy: 'pair' | 'unpair' | 'now' | null;
  error: UiError | null;
  /** The last pairing attempt's failure, shown under the pairing form. */
  pairError: UiError | null;
  load(): Promise<void>;
  /** A status from the host (sync.changed or an action's answer). */
  apply(status: SyncStatus): void;
  pair(draft: PairDraft): Promise<boolean>;
  unpair(): Promise<boolean>;
  syncNow(): Promise<void>;
  clearPairError(): void;
};

/**
 * This station's link to the shop hub: always shown in the top bar (DESIGN §9 "the UI always shows
 * online/offline, pending ops and last sync time"). The host pushes sync.changed after every round.
 */
export const useSyncStore = create<SyncStore>()((set, get) => {
  const run = async (busy: NonNullable<SyncStore['busy']>, fn: () => Promise<SyncStatus>, errorKey: 'error' | 'pairError' = 'error') => {
    set({ busy, [errorKey]: null });
    try {
      get().apply(await fn());
      return true;
    } catch (e) {
      set({ [errorKey]: toUiError(e) });
      return false;
    } finally {
      set({ busy: null });
    }
  };
  return {
    status: null,
    busy: null,
    error: null,
    pairError: null,
    async load() {
      try {
        get().apply(await getApi().call('sync.status', {}));
      } catch (e) {
        set({ error: toUiError(e) });
      }
    },
    // Flags raised or resolved anywhere in the shop reach the inbox, which hears of them itself (inbox.changed).
    apply: (status) => set({ status }),
    pair: (draft) => run('pair', () => getApi().call('sync.pair', draft), 'pairError'),
    unpair: () => run('unpair', () => getApi().call('sync.unpair', {})),
    syncNow: async () => {
      await run('now', () => getApi().call('sync.now', {}));
    },
    clearPairError: () => set({ pairError: null }),
  };
});
