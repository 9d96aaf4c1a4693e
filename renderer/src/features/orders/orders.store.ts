import { create } from 'zustand';
import type { FileInput } from '#shared/contract/common';
import type { ColumnMapping, ImportReport, OrderSort, OrderSummary, SortDir } from '#shared/contract/orders.contract';
import type { PrintResult } from '#shared/contract/devices.contract';
import type { WaybillPrintReport } from '#shared/contract/waybills.contract';
import { getApi } from '../../api/client';
import { useSettingsStore } from '../settings/settings.store';
import { toUiError, type UiError } from '../../api/errors';
import { pagedList, type PagedList } from '../../lib/paged-list';

/** at-risk and pickup: the late-shipping guard's lists (due within the risk hours; must leave with the next pickup). */
/** handover-missing: shipped, but a parcel a courier handover left behind (交接少件). */
export type OrderFilter = 'all' | 'open' | 'shipped' | 'delivered' | 'blocked' | 'late' | 'at-risk' | 'pickup' | 'handover-missing';
export type ImportProgress = { phase: 'reading' | 'parsing' | 'writing'; done: number; total: number };

/** The way a column sorts when first clicked: deadlines and ids from the first, payments from the newest. */
const firstDir: Readonly<Record<OrderSort, SortDir>> = { deadline: 'asc', externalId: 'asc', paidAt: 'desc' };

type OrdersStore = PagedList<OrderFilter> & {
  orders: OrderSummary[];
  /** The most urgent deadline first, until the packer clicks another column. */
  sort: OrderSort;
  dir: SortDir;
  /** Sorts by a column; the same column again turns the order round. Back to the first page. */
  setSort(sort: OrderSort): void;
  selected: string[];
  importing: boolean;
  progress: ImportProgress | null;
  report: ImportReport | null;
  importError: UiError | null;
  mappings: ColumnMapping[];
  /** The saved mapping to use for "any CSV" imports; '' lets the host detect the format. */
  mappingName: string;
  printing: boolean;
  lastPrint: PrintResult | null;
  samplesLoading: boolean;
  toggle(id: string): void;
  toggleAllOnPage(): void;
  clearSelection(): void;
  importFiles(files: FileInput[]): Promise<void>;
  clearReport(): void;
  onProgress(progress: ImportProgress): void;
  loadMappings(): Promise<void>;
  setMappingName(name: string): void;
  saveMapping(mapping: ColumnMapping): Promise<boolean>;
  printPickSlips(): Promise<void>;
  printPickList(): Promise<void>;
  /**
   * 打单: the selected orders' fetched e-waybills, through the label queue. Those printed before are
   * not printed again until the packer says so (reprintAsk).
   */
  printWaybills(): Promise<void>;
  /** How the last 打单 went: labels queued, and those already in the queue (the queue shows the rest). */
  lastWaybills: { queued: number; inQueue: number } | null;
  /** Numbers printed before among the selection: the screen asks before they print again. */
  reprintAsk: WaybillPrintReport['printedBefore'] | null;
  /** The packer said yes: those numbers print again (audited as reprints). */
  confirmReprint(): Promise<void>;
  cancelReprint(): void;
  loadSamples(): Promise<void>;
};

export const useOrdersStore = create<OrdersStore>()((set, get) => {
  const print = async (method: 'labels.printPickSlips' | 'labels.printPickList') => {
    const orderIds = get().selected;
    if (orderIds.length === 0) return;
    set({ printing: true, error: null });
    try {
      set({ lastPrint: await getApi().call(method, { orderIds }) });
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ printing: false });
    }
  };

  /** Queues the labels; `before` is what the first round of the same 打单 queued (the reprint adds to it). */
  const printWaybills = async (input: { orderIds: string[]; numbers?: string[]; again?: boolean }, before: OrdersStore['lastWaybills']) => {
    set({ printing: true, error: null, lastWaybills: before, reprintAsk: null });
    try {
      const result = await getApi().call('waybills.print', input);
      set({
        lastWaybills: { queued: (before?.queued ?? 0) + result.queued, inQueue: (before?.inQueue ?? 0) + result.inQueue },
        reprintAsk: result.printedBefore.length > 0 ? result.printedBefore : null,
      });
    } catch (e) {
      set({ error: toUiError(e) });
    } finally {
      set({ printing: false });
    }
  };

  return {
    ...pagedList(set, get, {
      filter: 'all',
      fetchPage: ({ query, filter, limit, offset }) => {
        const { sort, dir } = get();
        return getApi().call('orders.list', { query, state: filter, sort, dir, limit, offset }).then(({ total, orders }) => ({ total, orders }));
      },
    }),
    orders: [],
    sort: 'deadline',
    dir: 'asc',
    setSort(sort) {
      const current = get();
      const dir = current.sort === sort ? (current.dir === 'asc' ? 'desc' : 'asc') : firstDir[sort];
      set({ sort, dir, offset: 0 });
      void get().load();
    },
    selected: [],
    importing: false,
    progress: null,
    report: null,
    importError: null,
    mappings: [],
    mappingName: '',
    printing: false,
    lastPrint: null,
    samplesLoading: false,
    toggle(id) {
      const selected = get().selected;
      set({ selected: selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id] });
    },
    toggleAllOnPage() {
      const { orders, selected } = get();
      const ids = orders.map((o) => o.id);
      const all = ids.every((id) => selected.includes(id));
      set({ selected: all ? selected.filter((s) => !ids.includes(s)) : [...new Set([...selected, ...ids])] });
    },
    clearSelection: () => set({ selected: [] }),
    async importFiles(files) {
      if (files.length === 0) return;
      const { mappingName } = get();
      set({ importing: true, progress: null, report: null, importError: null });
      try {
        const report = await getApi().call('orders.import', mappingName ? { files, mappingName } : { files });
        set({ report });
        if (!report.rejected) await get().load();
      } catch (e) {
        set({ importError: toUiError(e) });
      } finally {
        set({ importing: false, progress: null });
      }
    },
    clearReport: () => set({ report: null, importError: null }),
    onProgress(progress) {
      if (get().importing) set({ progress });
    },
    async loadMappings() {
      try {
        set({ mappings: await getApi().call('orders.listMappings', {}) });
      } catch (e) {
        set({ error: toUiError(e) });
      }
    },
    setMappingName: (mappingName) => set({ mappingName }),
    async saveMapping(mapping) {
      try {
        const { name } = await getApi().call('orders.saveMapping', mapping);
        await get().loadMappings();
        set({ mappingName: name });
        return true;
      } catch (e) {
        set({ error: toUiError(e) });
        return false;
      }
    },
    printPickSlips: () => print('labels.printPickSlips'),
    printPickList: () => print('labels.printPickList'),
    lastWaybills: null,
    reprintAsk: null,
    async printWaybills() {
      const orderIds = get().selected;
      if (orderIds.length === 0) return;
      await printWaybills({ orderIds }, null);
    },
    async confirmReprint() {
      const ask = get().reprintAsk;
      if (!ask) return;
      // Only the numbers the packer was shown: one of the orders' others may have printed since.
      const input = { orderIds: [...new Set(ask.map((p) => p.orderId))], numbers: ask.map((p) => p.trackingNo), again: true };
      await printWaybills(input, get().lastWaybills);
    },
    cancelReprint: () => set({ reprintAsk: null }),
    async loadSamples() {
      set({ samplesLoading: true, error: null });
      try {
        await getApi().call('system.loadSamples', {});
        // The samples bring a sender for their labels when the shop has none: the bench's warning reads the settings.
        await Promise.all([get().load(), useSettingsStore.getState().load()]);
      } catch (e) {
        set({ error: toUiError(e) });
      } finally {
        set({ samplesLoading: false });
      }
    },
  };
});
