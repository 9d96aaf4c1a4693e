import { create } from 'zustand';
import type { Contract } from '#shared/contract/index';
import type { AuditEntry, AuditFilter, AuditQuery } from '#shared/contract/audit.contract';
import type { AuditKind } from '#shared/domain/audit-kinds';
import type { Output } from '#shared/rpc/define';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { currentLanguage } from '../../i18n/setup';
import { downloadBase64 } from '../../lib/files';
import { pagedList, type PagedList } from '../../lib/paged-list';

/** The filters beyond all / authorised only; '' lets every line through. */
export type AuditCriteria = { kind: AuditKind | ''; person: string; bench: string; from: string; to: string };
export type AuditFacets = Output<Contract, 'audit.facets'>;
export const noCriteria: AuditCriteria = { kind: '', person: '', bench: '', from: '', to: '' };

type AuditStore = PagedList<AuditFilter> & {
  entries: AuditEntry[];
  criteria: AuditCriteria;
  /** Who and which benches the filters can name; null until loaded. */
  facets: AuditFacets | null;
  exporting: boolean;
  /** The last export: how many lines it holds of how many matched. */
  exported: { rows: number; total: number; fileName: string } | null;
  exportError: UiError | null;
  setCriteria(patch: Partial<AuditCriteria>): void;
  loadFacets(): Promise<void>;
  exportCsv(): Promise<void>;
};

/** The host's query for what the screen shows: only the criteria set, the words as typed. */
function queryOf(filter: AuditFilter, query: string, c: AuditCriteria): AuditQuery {
  return {
    filter,
    ...(c.kind ? { kind: c.kind } : {}),
    ...(c.person ? { people: [c.person] } : {}),
    ...(c.bench ? { bench: c.bench } : {}),
    ...(c.from ? { from: c.from } : {}),
    ...(c.to ? { to: c.to } : {}),
    ...(query ? { text: query } : {}),
  };
}

/** The audit view: gated actions and authorised changes from every bench, newest first, filtered and exportable. */
export const useAuditStore = create<AuditStore>()((set, get) => ({
  ...pagedList(set, get, {
    filter: 'all',
    fetchPage: ({ query, filter, limit, offset }) =>
      getApi()
        .call('audit.list', { ...queryOf(filter, query, get().criteria), limit, offset })
        .then(({ total, entries }) => ({ total, entries })),
  }),
  entries: [],
  criteria: noCriteria,
  facets: null,
  exporting: false,
  exported: null,
  exportError: null,
  setCriteria(patch) {
    set({ criteria: { ...get().criteria, ...patch }, offset: 0, exported: null });
    void get().load();
  },
  async loadFacets() {
    try {
      set({ facets: await getApi().call('audit.facets', {}) });
    } catch (e) {
      // The list says why it cannot be read; the filters then offer only "all".
      if (!get().error) set({ error: toUiError(e) });
    }
  },
  async exportCsv() {
    const { filter, query, criteria } = get();
    set({ exporting: true, exported: null, exportError: null });
    try {
      const file = await getApi().call('audit.export', { ...queryOf(filter, query.trim(), criteria), lang: currentLanguage() });
      downloadBase64(file.fileName, file.base64, 'text/csv');
      set({ exported: { rows: file.rows, total: file.total, fileName: file.fileName } });
    } catch (e) {
      set({ exportError: toUiError(e) });
    } finally {
      set({ exporting: false });
    }
  },
}));
