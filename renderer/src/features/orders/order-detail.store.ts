import { create } from 'zustand';
import type { Order } from '#shared/contract/orders.contract';
import type { Shipment } from '#shared/contract/shipments.contract';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';

/** The row the detail was opened from: enough to title the dialog before the order arrives. */
export type OrderRef = { id: string; externalId: string };

type OrderDetailStore = {
  /** The order on show, or null when the detail is closed. */
  showing: OrderRef | null;
  order: Order | null;
  loading: boolean;
  error: UiError | null;
  /** Its parcels, voided ones too, the first shipped first; null until known. */
  parcels: Shipment[] | null;
  parcelsError: UiError | null;
  /** Opens the detail of an order: the order with its lines, and its parcels, read side by side. */
  show(ref: OrderRef): Promise<void>;
  close(): void;
  /** The order changed here (a 恢复发货): shown as the host returned it. */
  replaced(order: Order): void;
};

/** An order has a handful of parcels; a page this size holds them all. */
const parcelsPage = 100;

/** Only the last opening may fill the dialog: a slow answer for the row clicked before is dropped. */
let opening = 0;

export const useOrderDetailStore = create<OrderDetailStore>()((set) => ({
  showing: null,
  order: null,
  loading: false,
  error: null,
  parcels: null,
  parcelsError: null,
  async show(ref) {
    const mine = ++opening;
    set({ showing: ref, order: null, loading: true, error: null, parcels: null, parcelsError: null });
    const current = () => mine === opening;
    const readOrder = async () => {
      try {
        const order = await getApi().call('orders.get', { id: ref.id });
        if (current()) set({ order });
      } catch (e) {
        if (current()) set({ error: toUiError(e) });
      } finally {
        if (current()) set({ loading: false });
      }
    };
    // A second, independent read: if it fails the order still shows, and says why its parcels do not.
    const readParcels = async () => {
      try {
        const { shipments } = await getApi().call('shipments.list', { query: ref.externalId, state: 'all', limit: parcelsPage, offset: 0 });
        // The search also matches receivers and nicknames by substring: keep only this order's parcels.
        const own = shipments.filter((s) => s.orderId === ref.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.parcelNo - b.parcelNo);
        if (current()) set({ parcels: own });
      } catch (e) {
        if (current()) set({ parcelsError: toUiError(e) });
      }
    };
    await Promise.all([readOrder(), readParcels()]);
  },
  replaced: (order) => set((s) => (s.showing?.id === order.id ? { order } : {})),
  close() {
    opening += 1;
    set({ showing: null, order: null, loading: false, error: null, parcels: null, parcelsError: null });
  },
}));
