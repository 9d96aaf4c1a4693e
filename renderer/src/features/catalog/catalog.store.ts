import { create } from 'zustand';
import type { FileInput } from '#shared/contract/common';
import type { Sku } from '#shared/contract/catalog.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';

export type CatalogImportReport = {
  skusRead: number;
  created: number;
  updated: number;
  barcodes: number;
  errors: { file: string; row: number; column?: string | undefined; message: string }[];
  rejected: boolean;
};
export type SkuDraft = Omit<Sku, 'onHand'>;

type CatalogStore = {
  query: string;
  offset: number;
  limit: number;
  total: number;
  skus: Sku[];
  loading: boolean;
  error: UiError | null;
  importing: boolean;
  report: CatalogImportReport | null;
  importError: UiError | null;
  /** The SKU being edited (a new one has isNew). */
  editing: { sku: SkuDraft; isNew: boolean } | null;
  adjusting: Sku | null;
  dialogError: UiError | null;
  saving: boolean;
  setQuery(query: string): void;
  setPage(offset: number): void;
  load(): Promise<void>;
  importCsv(file: FileInput): Promise<void>;
  clearReport(): void;
  edit(sku: Sku | null): void;
  closeEdit(): void;
  saveSku(sku: SkuDraft): Promise<boolean>;
  openAdjust(sku: Sku): void;
  closeAdjust(): void;
  adjustStock(delta: number, reason: string): Promise<boolean>;
};

let searchTimer: ReturnType<typeof setTimeout> | null = null;
let listSeq = 0;

export const useCatalogStore = create<CatalogStore>()((set, get) => ({
  query: '',
  offset: 0,
  limit: 50,
  total: 0,
  skus: [],
  loading: false,
  error: null,
  importing: false,
  report: null,
  importError: null,
  editing: null,
  adjusting: null,
  dialogError: null,
  saving: false,
  setQuery(query) {
    set({ query, offset: 0 });
    if (searchTimer !== null) clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void get().load(), 250);
  },
  setPage(offset) {
    set({ offset: Math.max(0, offset) });
    void get().load();
  },
  async load() {
    const { query, limit, offset } = get();
    const mine = ++listSeq;
    set({ loading: true, error: null });
    try {
      const r = await getApi().call('catalog.list', { query: query.trim(), limit, offset });
      if (mine === listSeq) set({ total: r.total, skus: r.skus });
    } catch (e) {
      if (mine === listSeq) set({ error: toUiError(e) });
    } finally {
      if (mine === listSeq) set({ loading: false });
    }
  },
  async importCsv(file) {
    set({ importing: true, report: null, importError: null });
    try {
      const report = await getApi().call('catalog.importCsv', { file });
      set({ report });
      if (!report.rejected) await get().load();
    } catch (e) {
      set({ importError: toUiError(e) });
    } finally {
      set({ importing: false });
    }
  },
  clearReport: () => set({ report: null, importError: null }),
  edit(sku) {
    const draft: SkuDraft = sku
      ? { code: sku.code, name: sku.name, weightG: sku.weightG, location: sku.location, barcodes: sku.barcodes }
      : { code: '', name: '', weightG: null, location: '', barcodes: [] };
    set({ editing: { sku: draft, isNew: sku === null }, dialogError: null });
  },
  closeEdit: () => set({ editing: null, dialogError: null }),
  async saveSku(sku) {
    set({ saving: true, dialogError: null });
    try {
      await getApi().call('catalog.saveSku', sku);
      set({ editing: null });
      await get().load();
      return true;
    } catch (e) {
      set({ dialogError: toUiError(e) });
      return false;
    } finally {
      set({ saving: false });
    }
  },
  openAdjust: (adjusting) => set({ adjusting, dialogError: null }),
  closeAdjust: () => set({ adjusting: null, dialogError: null }),
  async adjustStock(delta, reason) {
    const sku = get().adjusting;
    if (!sku) return false;
    set({ saving: true, dialogError: null });
    try {
      const r = await getApi().call('stock.adjust', { skuCode: sku.code, delta, reason });
      set({ adjusting: null, skus: get().skus.map((s) => (s.code === r.skuCode ? { ...s, onHand: r.onHand } : s)) });
      return true;
    } catch (e) {
      set({ dialogError: toUiError(e) });
      return false;
    } finally {
      set({ saving: false });
    }
  },
}));
