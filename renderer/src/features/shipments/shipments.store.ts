import { create } from 'zustand';
import type { ExportSummary, Shipment } from '#shared/contract/shipments.contract';
import { voidHolds } from '#shared/domain/void-hold';
import type { VoidReasonCode } from '#shared/ops/shipment-voided.op';
import { getApi } from '../../api/client';
import { useToastStore } from '../../app/toast.store';
import { toUiError, type UiError } from '../../api/errors';
import { pagedList, type PagedList } from '../../lib/paged-list';
import { needsSupervisorPin } from '../session/session.store';

export type ShipmentFilter = 'all' | 'active' | 'void' | 'not-exported';
export type ExportedFile = ExportSummary & { fileName: string; base64: string };
/** The export's choices; `onlyHandedOver` null: the shop's default (on once it hands parcels over). */
export type ExportChoice = { onlyNotExported: boolean; onlyHandedOver: boolean | null };
/** The file the seller picks: a CSV in either encoding, or an XLSX whose order ids stay text in Excel. */
export type ExportFileKind = 'gbk' | 'utf-8' | 'xlsx';

type ShipmentsStore = PagedList<ShipmentFilter> & {
  shipments: Shipment[];
  busyId: string | null;
  /** The shipment being voided, and whether a supervisor PIN is needed. */
  voiding: { shipment: Shipment; needPin: boolean; error: UiError | null } | null;
  exporting: boolean;
  reprint(id: string): Promise<string | null>;
  openVoid(shipment: Shipment): void;
  closeVoid(): void;
  /** Voids with the words as typed and the code of the chip chosen (`other`: none). */
  confirmVoid(reason: string, reasonCode: VoidReasonCode, pin: string): Promise<boolean>;
  /** What the next file would hold (rows, parcels held back and why), for the export bar. */
  preview: ExportSummary | null;
  /** The choices the preview was read for: read again with them once a void changed what the file holds. */
  previewChoice: ExportChoice | null;
  loadPreview(choice: ExportChoice): Promise<void>;
  exportBatchShip(kind: ExportFileKind, choice: ExportChoice): Promise<ExportedFile | null>;
};

const fileInput = (kind: ExportFileKind) => (kind === 'xlsx' ? { format: 'xlsx' as const } : { encoding: kind });
const choiceInput = (c: ExportChoice) => ({ onlyNotExported: c.onlyNotExported, ...(c.onlyHandedOver === null ? {} : { onlyHandedOver: c.onlyHandedOver }) });

export const useShipmentsStore = create<ShipmentsStore>()((set, get) => ({
  ...pagedList(set, get, {
    filter: 'all',
    fetchPage: ({ query, filter, limit, offset }) =>
      getApi().call('shipments.list', { query, state: filter, limit, offset }).then(({ total, shipments }) => ({ total, shipments })),
  }),
  shipments: [],
  busyId: null,
  voiding: null,
  exporting: false,
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
  async confirmVoid(reason, reasonCode, pin) {
    const voiding = get().voiding;
    if (!voiding) return false;
    const id = voiding.shipment.id;
    set({ busyId: id });
    try {
      const updated = await getApi().call('shipments.void', { id, reason, reasonCode, ...(pin ? { authorizerPin: pin } : {}) });
      set({ voiding: null, shipments: get().shipments.map((s) => (s.id === id ? updated : s)) });
      // A cancelled or refunded order is held, not waiting for a new number: the notice must not invite a reprint.
      const done = voidHolds(reasonCode) ? 'shipments.voidedHeld' : 'shipments.voidedShipAgain';
      useToastStore.getState().ok(done, { tracking: updated.trackingNo, order: updated.orderExternalId });
      // A voided parcel leaves the next file (and the parcels not handed over): the export bar says so at once.
      const choice = get().previewChoice;
      if (choice) await get().loadPreview(choice);
      return true;
    } catch (e) {
      const error = toUiError(e);
      set({ voiding: { ...voiding, needPin: voiding.needPin || error.code === 'FORBIDDEN', error } });
      return false;
    } finally {
      set({ busyId: null });
    }
  },
  preview: null,
  previewChoice: null,
  async loadPreview(choice) {
    set({ previewChoice: choice });
    try {
      set({ preview: await getApi().call('shipments.exportPreview', choiceInput(choice)) });
    } catch (e) {
      set({ error: toUiError(e) });
    }
  },
  async exportBatchShip(kind, choice) {
    set({ exporting: true, error: null });
    try {
      const file = await getApi().call('shipments.exportBatchShip', { ...fileInput(kind), ...choiceInput(choice) });
      await get().load();
      await get().loadPreview(choice);
      return file;
    } catch (e) {
      set({ error: toUiError(e) });
      return null;
    } finally {
      set({ exporting: false });
    }
  },
}));
