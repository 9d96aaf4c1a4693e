import type { z } from 'zod';
import { create } from 'zustand';
import type { FileInput } from '#shared/contract/common';
import type { CatalogStockFilter, catalogExportSchema, catalogImportReportSchema, Sku } from '#shared/contract/catalog.contract';
import type { AdjustKind, DisposeKind } from '#shared/ops/stock-delta.op';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { downloadBase64 } from '../../lib/files';
import { pagedList, type PagedList } from '../../lib/paged-list';

export type CatalogImportReport = z.infer<typeof catalogImportReportSchema>;
export type SkuDraft = Omit<Sku, 'onHand' | 'damaged'>;
/** The last export as the screen tells it: how many SKUs, the file, and those that would not import back as they are. */
export type CatalogExported = Pick<z.infer<typeof catalogExportSchema>, 'fileName' | 'skus' | 'notReadBack'>;

/** The catalog lists the SKUs matching the search: all, those at or below their 安全库存, or those below zero. */
type CatalogStore = PagedList<CatalogStockFilter> & {
  skus: Sku[];
  importing: boolean;
  report: CatalogImportReport | null;
  importError: UiError | null;
  exporting: boolean;
  exported: CatalogExported | null;
  exportError: UiError | null;
  /** The SKU being edited (a new one has isNew). */
  editing: { sku: SkuDraft; isNew: boolean } | null;
  adjusting: Sku | null;
  /** The SKU whose damaged units are being disposed of (报废). */
  disposing: Sku | null;
  /** The SKU being counted (盘点). */
  counting: Sku | null;
  dialogError: UiError | null;
  saving: boolean;
  importCsv(file: FileInput): Promise<void>;
  clearReport(): void;
  /** Downloads every SKU as the CSV the import reads back, with stock on hand. */
  exportCsv(): Promise<void>;
  edit(sku: Sku | null): void;
  closeEdit(): void;
  saveSku(sku: SkuDraft): Promise<boolean>;
  openAdjust(sku: Sku): void;
  closeAdjust(): void;
  /** Why as a kind (shown in each reader's language), with the supervisor's own words. */
  adjustStock(delta: number, kind: AdjustKind, note: string): Promise<boolean>;
  openDispose(sku: Sku): void;
  closeDispose(): void;
  /** Takes units out of the damaged bucket: thrown away or sent back to the supplier. */
  disposeDamaged(qty: number, kind: DisposeKind, note: string): Promise<boolean>;
  openCount(sku: Sku): void;
  closeCount(): void;
  /** Records what is on the shelf now; on hand becomes it. */
  countStock(countedQty: number): Promise<boolean>;
  /** Drops the host's refusal once the user changes the form it was about. */
  clearDialogError(): void;
};

/** The listed SKUs with one SKU's stock as the host booked it (shelf and damaged). */
const withStock = (skus: Sku[], booked: { skuCode: string; onHand: number; damaged: number }): Sku[] =>
  skus.map((s) => (s.code === booked.skuCode ? { ...s, onHand: booked.onHand, damaged: booked.damaged } : s));

export const useCatalogStore = create<CatalogStore>()((set, get) => {
  // Both dialogs save alike: a busy flag, and a refusal from the host kept in the still-open dialog.
  const save = async (work: () => Promise<void>) => {
    set({ saving: true, dialogError: null });
    try {
      await work();
      return true;
    } catch (e) {
      set({ dialogError: toUiError(e) });
      return false;
    } finally {
      set({ saving: false });
    }
  };

  return {
    ...pagedList(set, get, {
      filter: 'all',
      fetchPage: ({ query, filter, limit, offset }) =>
        getApi().call('catalog.list', { query, limit, offset, stock: filter }).then(({ total, skus }) => ({ total, skus })),
    }),
    skus: [],
    importing: false,
    report: null,
    importError: null,
    exporting: false,
    exported: null,
    exportError: null,
    editing: null,
    adjusting: null,
    disposing: null,
    counting: null,
    dialogError: null,
    saving: false,
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
    async exportCsv() {
      set({ exporting: true, exported: null, exportError: null });
      try {
        const { fileName, base64, skus, notReadBack } = await getApi().call('catalog.exportCsv', {});
        downloadBase64(fileName, base64, 'text/csv');
        set({ exported: { fileName, skus, notReadBack } });
      } catch (e) {
        set({ exportError: toUiError(e) });
      } finally {
        set({ exporting: false });
      }
    },
    edit(sku) {
      const draft: SkuDraft = sku
        ? { code: sku.code, name: sku.name, weightG: sku.weightG, location: sku.location, barcodes: sku.barcodes, safetyStock: sku.safetyStock }
        : { code: '', name: '', weightG: null, location: '', barcodes: [], safetyStock: null };
      set({ editing: { sku: draft, isNew: sku === null }, dialogError: null });
    },
    closeEdit: () => set({ editing: null, dialogError: null }),
    saveSku: (sku) =>
      save(async () => {
        await getApi().call('catalog.saveSku', { ...sku, create: get().editing?.isNew === true });
        set({ editing: null });
        await get().load();
      }),
    openAdjust: (adjusting) => set({ adjusting, dialogError: null }),
    closeAdjust: () => set({ adjusting: null, dialogError: null }),
    async adjustStock(delta, kind, note) {
      const sku = get().adjusting;
      if (!sku) return false;
      return save(async () => {
        const r = await getApi().call('stock.adjust', { skuCode: sku.code, delta, kind, note });
        set({ adjusting: null, skus: withStock(get().skus, r) });
      });
    },
    openDispose: (disposing) => set({ disposing, dialogError: null }),
    closeDispose: () => set({ disposing: null, dialogError: null }),
    async disposeDamaged(qty, kind, note) {
      const sku = get().disposing;
      if (!sku) return false;
      return save(async () => {
        const r = await getApi().call('stock.dispose', { skuCode: sku.code, qty, kind, note });
        set({ disposing: null, skus: withStock(get().skus, r) });
      });
    },
    openCount: (counting) => set({ counting, dialogError: null }),
    closeCount: () => set({ counting: null, dialogError: null }),
    async countStock(countedQty) {
      const sku = get().counting;
      if (!sku) return false;
      return save(async () => {
        const r = await getApi().call('stock.count', { skuCode: sku.code, countedQty });
        set({ counting: null, skus: get().skus.map((s) => (s.code === r.skuCode ? { ...s, onHand: r.onHand } : s)) });
      });
    },
    clearDialogError: () => set((s) => (s.dialogError === null ? s : { dialogError: null })),
  };
});
