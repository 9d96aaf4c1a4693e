import { create } from 'zustand';
import type { Shipment } from '#shared/contract/shipments.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { needsSupervisorPin } from '../session/session.store';

export type ShipmentFilter = 'all' | 'active' | 'void' | 'not-exported';
export type ExportedFile = { fileName: string; base64: string; rows: number };

type ShipmentsStore = {
  query: string;
  filter: ShipmentFilter;
  offset: number;
  limit: number;
  total: number;
  shipments: Shipment[];
  loading: boolean;
  error: UiError | null;
  busyId: string | null;
  /** The shipment being voided, and whether a supervisor PIN is needed. */
  voiding: { shipment: Shipment; needPin: boolean; error: UiError | null } | null;
  exporting: boolean;
  setQuery(query: string): void;
  setFilter(filter: ShipmentFilter): void;
  setPage(offset: number): void;
  load(): Promise<void>;
  reprint(id: string): Promise<string | null>;
  openVoid(shipment: Shipment): void;
  closeVoid(): void;
  confirmVoid(reason: string, pin: string): Promise<boolean>;
  exportBatchShip(encoding: 'gbk' | 'utf-8', onlyNotExported: boolean): Promise<ExportedFile | null>;
};

let searchTimer: ReturnType<typeof setTimeout> | null = null;
let listSeq = 0;

export const useShipmentsStore = create<ShipmentsStore>()((set, get) => ({
  query: '',
  filter: 'all',
  offset: 0,
  limit: 50,
  total: 0,
  shipments: [],
  loading: false,
  error: null,
  busyId: null,
  voiding: null,
  exporting: false,
  setQuery(query) {
    set({ query, offset: 0 });
    if (searchTimer !== null) clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void get().load(), 250);
  },
  setFilter(filter) {
    set({ filter, offset: 0 });
    void get().load();
  },
  setPage(offset) {
    set({ offset: Math.max(0, offset) });
    void get().load();
  },
  async load() {
    const { query, filter, limit, offset } = get();
    const mine = ++listSeq;
    set({ loading: true, error: null });
    try {
      const r = await getApi().call('shipments.list', { query: query.trim(), state: filter, limit, offset });
      if (mine === listSeq) set({ total: r.total, shipments: r.shipments });
    } catch (e) {
      if (mine === listSeq) set({ error: toUiError(e) });
    } finally {
      if (mine === listSeq) set({ loading: false });
    }
  },
  /** Reprints; returns where a file printer wrote the label (or the printer name). */
  async reprint(id) {
    set({ busyId: id, error: null });
    try {
      const r = await getApi().call('shipments.reprint', { id });
      set({ shipments: get().shipments.map((s) => (s.id === id ? r.shipment : s)) });
      return r.print.file ?? r.print.printer;
    } catch (e) {
      set({ error: toUiError(e) });
      return null;
    } finally {
      set({ busyId: null });
    }
  },
  openVoid: (shipment) => set({ voiding: { shipment, needPin: needsSupervisorPin(), error: null } }),
  closeVoid: () => set({ voiding: null }),
  async confirmVoid(reason, pin) {
    const voiding = get().voiding;
    if (!voiding) return false;
    const id = voiding.shipment.id;
    set({ busyId: id });
    try {
      const updated = await getApi().call('shipments.void', { id, reason, ...(pin ? { authorizerPin: pin } : {}) });
      set({ voiding: null, shipments: get().shipments.map((s) => (s.id === id ? updated : s)) });
      return true;
    } catch (e) {
      const error = toUiError(e);
      set({ voiding: { ...voiding, needPin: voiding.needPin || error.code === 'FORBIDDEN', error } });
      return false;
    } finally {
      set({ busyId: null });
    }
  },
  async exportBatchShip(encoding, onlyNotExported) {
    set({ exporting: true, error: null });
    try {
      const file = await getApi().call('shipments.exportBatchShip', { encoding, onlyNotExported });
      await get().load();
      return file;
    } catch (e) {
      set({ error: toUiError(e) });
      return null;
    } finally {
      set({ exporting: false });
    }
  },
}));
