import { create } from 'zustand';
import type { FileInput } from '#shared/contract/common';
import type { ParcelTracking, TrackingImportReport } from '#shared/contract/tracking.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';

type TrackingStore = {
  /** The parcel or order whose tracking is shown, or null when the dialog is closed. */
  showing: string | null;
  parcels: ParcelTracking[];
  loading: boolean;
  error: UiError | null;
  importOpen: boolean;
  importing: boolean;
  report: TrackingImportReport | null;
  importError: UiError | null;
  /** Opens the tracking of a tracking number or an order (our id or the platform's number). */
  show(ref: string): Promise<void>;
  close(): void;
  setImportOpen(open: boolean): void;
  importFile(file: FileInput, encoding: 'auto' | 'gbk' | 'utf-8', authorizerPin?: string): Promise<TrackingImportReport | null>;
};

/** Tracking at the bench: a parcel's or an order's timeline, and the supervisor's file import. */
export const useTrackingStore = create<TrackingStore>((set, get) => ({
  showing: null,
  parcels: [],
  loading: false,
  error: null,
  importOpen: false,
  importing: false,
  report: null,
  importError: null,
  async show(ref) {
    set({ showing: ref, parcels: [], loading: true, error: null });
    try {
      const { parcels } = await getApi().call('tracking.status', { ref });
      if (get().showing === ref) set({ parcels });
    } catch (e) {
      if (get().showing === ref) set({ error: toUiError(e) });
    } finally {
      if (get().showing === ref) set({ loading: false });
    }
  },
  close: () => set({ showing: null, parcels: [], error: null }),
  setImportOpen: (open) => set({ importOpen: open, report: null, importError: null }),
  async importFile(file, encoding, authorizerPin) {
    set({ importing: true, report: null, importError: null });
    try {
      const report = await getApi().call('tracking.import', { file, encoding, ...(authorizerPin ? { authorizerPin } : {}) });
      set({ report });
      return report;
    } catch (e) {
      set({ importError: toUiError(e) });
      return null;
    } finally {
      set({ importing: false });
    }
  },
}));
