import { create } from 'zustand';
import type { PrintJob, PrintQueueSummary } from '#shared/contract/print-queue.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';

type PrintQueueStore = {
  summary: PrintQueueSummary;
  jobs: PrintJob[];
  open: boolean;
  loading: boolean;
  /** The job whose action is running. */
  busyId: string | null;
  error: UiError | null;
  /** The host's printQueue.changed: the counts, and the list when the panel is open. */
  apply(summary: PrintQueueSummary): void;
  load(): Promise<void>;
  setOpen(open: boolean): void;
  act(action: 'retry' | 'reprint' | 'cancel', id: string): Promise<void>;
};

/**
 * The label queue as the bench shows it: counts always, the jobs when the panel is open. Labels
 * print off the scan path; this only watches them and carries the packer's Retry / Reprint / Cancel.
 */
export const usePrintQueueStore = create<PrintQueueStore>()((set, get) => ({
  summary: { waiting: 0, needsPacker: 0 },
  jobs: [],
  open: false,
  loading: false,
  busyId: null,
  error: null,
  apply(summary) {
    set({ summary });
    if (get().open) void get().load();
  },
  async load() {
    set({ loading: true });
    try {
      const { summary, jobs } = await getApi().call('printQueue.list', { limit: 50 });
      set({ summary, jobs, error: null });
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ loading: false });
    }
  },
  setOpen(open) {
    set({ open, error: null });
    if (open) void get().load();
  },
  async act(action, id) {
    set({ busyId: id, error: null });
    try {
      const method = action === 'retry' ? 'printQueue.retry' : action === 'reprint' ? 'printQueue.reprint' : 'printQueue.cancel';
      await getApi().call(method, { id });
      await get().load();
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ busyId: null });
    }
  },
}));
