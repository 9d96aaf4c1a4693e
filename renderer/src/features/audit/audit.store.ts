import { create } from 'zustand';
import type { AuditEntry, AuditFilter } from '#shared/contract/audit.contract';
import { getApi } from '../../api/client';
import { pagedList, type PagedList } from '../../lib/paged-list';

type AuditStore = PagedList<AuditFilter> & { entries: AuditEntry[] };

/** The audit view: gated actions and authorised changes from every bench, newest first. */
export const useAuditStore = create<AuditStore>()((set, get) => ({
  ...pagedList(set, get, {
    filter: 'all',
    fetchPage: ({ filter, limit, offset }) => getApi().call('audit.list', { filter, limit, offset }).then(({ total, entries }) => ({ total, entries })),
  }),
  entries: [],
}));
