import { create } from 'zustand';
import type { FetchReport, IssuedWaybillView, Providers, WaybillsStatus } from '#shared/contract/waybills.contract';
import type { WaybillProviderName } from '#shared/domain/e-waybill';
import { getApi } from '../../api/client';
import { toUiError, type UiError } from '../../api/errors';
import { needsSupervisorPin } from '../session/session.store';

/** What waits for a supervisor's PIN: a 取号 (all awaiting, or a retry of the failed orders) or a cancel. */
export type PinAsk = { action: 'fetch'; orderIds: string[] | null } | { action: 'cancel'; trackingNo: string };

type WaybillsStore = {
  status: WaybillsStatus | null;
  providers: Providers | null;
  /** The provider 取号 asks (chosen in the panel; the first configured one until then). */
  provider: WaybillProviderName | null;
  loading: boolean;
  /** A 取号 is under way (it can take seconds: one provider call per order). */
  fetching: boolean;
  /** Sending the queued cancels, or cancelling one number. */
  cancelling: boolean;
  report: FetchReport | null;
  error: UiError | null;
  cancelError: UiError | null;
  pinAsk: (PinAsk & { error: UiError | null }) | null;
  load(): Promise<void>;
  setProvider(provider: WaybillProviderName): void;
  /** 取号 for every order awaiting shipment (orderIds null) or for these (a retry); asks a packer for a supervisor PIN. */
  fetch(orderIds: string[] | null, pin?: string): Promise<boolean>;
  /** Cancels a fetched number no parcel uses (queued until the provider answers). */
  cancel(trackingNo: string, pin?: string): Promise<boolean>;
  authorize(pin: string): Promise<void>;
  cancelPin(): void;
  sendCancels(): Promise<{ sent: number; failed: number; left: number } | null>;
  /** Labels of fetched numbers being sent to the label queue (打单). */
  printing: boolean;
  /** 打单: queues every fetched number no one printed yet; answers with how many were queued (null: it failed). */
  printReady(): Promise<{ queued: number; inQueue: number } | null>;
  /** The bench's open order's fetched numbers (its order id with them), for the order card. */
  ofOrder: { orderId: string; numbers: IssuedWaybillView[] } | null;
  loadOfOrder(orderId: string): Promise<void>;
};

/** The configured providers this bench can ask (its own account, or the hub's). */
export const usableProviders = (p: Providers | null): WaybillProviderName[] => (p ? p.providers.filter((x) => x.where !== null).map((x) => x.name) : []);

export const useWaybillsStore = create<WaybillsStore>()((set, get) => {
  /** Runs a gated call; a packer without a PIN is asked for one first, a refused PIN stays in the dialog. */
  async function gated(ask: PinAsk, pin: string | undefined, run: (authorizerPin: string | undefined) => Promise<void>, onError: (e: UiError) => void): Promise<boolean> {
    if (pin === undefined && needsSupervisorPin()) {
      set({ pinAsk: { ...ask, error: null } });
      return false;
    }
    try {
      await run(pin);
      set({ pinAsk: null });
      return true;
    } catch (e) {
      const error = toUiError(e);
      if (get().pinAsk) set({ pinAsk: { ...get().pinAsk!, error } });
      else onError(error);
      return false;
    }
  }
  return {
    status: null,
    providers: null,
    provider: null,
    loading: false,
    fetching: false,
    cancelling: false,
    report: null,
    error: null,
    cancelError: null,
    pinAsk: null,
    ofOrder: null,
    async loadOfOrder(orderId) {
      if (get().ofOrder?.orderId !== orderId) set({ ofOrder: null });
      try {
        const numbers = await getApi().call('waybills.ofOrder', { ref: orderId });
        set({ ofOrder: { orderId, numbers } });
      } catch {
        // Only a hint on the card: the bench packs the order the same without it.
      }
    },
    async load() {
      set({ loading: true, error: null });
      try {
        const [status, providers] = await Promise.all([getApi().call('waybills.status', {}), getApi().call('waybills.providers', {})]);
        const usable = usableProviders(providers);
        const chosen = get().provider;
        set({ status, providers, provider: chosen && usable.includes(chosen) ? chosen : (usable[0] ?? null) });
      } catch (e) {
        set({ error: toUiError(e) });
      } finally {
        set({ loading: false });
      }
    },
    setProvider: (provider) => set({ provider }),
    async fetch(orderIds, pin) {
      const provider = get().provider;
      if (!provider || get().fetching) return false;
      set({ error: null });
      return gated(
        { action: 'fetch', orderIds },
        pin,
        async (authorizerPin) => {
          set({ fetching: true });
          try {
            const input = { provider, ...(orderIds ? { orderIds } : { awaiting: true }), ...(authorizerPin ? { authorizerPin } : {}) };
            const report = await getApi().call('waybills.fetch', input);
            set({ report, pinAsk: null });
            set({ status: await getApi().call('waybills.status', {}) });
          } finally {
            set({ fetching: false });
          }
        },
        (error) => set({ error }),
      );
    },
    async cancel(trackingNo, pin) {
      set({ cancelError: null });
      return gated(
        { action: 'cancel', trackingNo },
        pin,
        async (authorizerPin) => {
          set({ cancelling: true });
          try {
            await getApi().call('waybills.cancel', { trackingNo, ...(authorizerPin ? { authorizerPin } : {}) });
            set({ status: await getApi().call('waybills.status', {}) });
          } finally {
            set({ cancelling: false });
          }
        },
        (cancelError) => set({ cancelError }),
      );
    },
    async authorize(pin) {
      const ask = get().pinAsk;
      if (!ask) return;
      if (ask.action === 'fetch') await get().fetch(ask.orderIds, pin);
      else await get().cancel(ask.trackingNo, pin);
    },
    cancelPin: () => set({ pinAsk: null }),
    printing: false,
    async printReady() {
      set({ printing: true, error: null });
      try {
        const result = await getApi().call('waybills.print', {});
        set({ status: await getApi().call('waybills.status', {}) });
        return { queued: result.queued, inQueue: result.inQueue };
      } catch (e) {
        set({ error: toUiError(e) });
        return null;
      } finally {
        set({ printing: false });
      }
    },
    async sendCancels() {
      set({ cancelling: true, cancelError: null });
      try {
        const sent = await getApi().call('waybills.sendCancels', {});
        set({ status: await getApi().call('waybills.status', {}) });
        return sent;
      } catch (e) {
        set({ cancelError: toUiError(e) });
        return null;
      } finally {
        set({ cancelling: false });
      }
    },
  };
});
