import { create } from 'zustand';
import type { Message } from '#shared/i18n/message';
import { getApi } from '../../api/client';
import { playOutcome } from '../../lib/sounds';
import { useBenchStore } from './bench.store';
import type { ShipOptions } from './bench.types';

type PartialShipStore = {
  /**
   * A partial ship the platform cannot take as a split: why, the ship waiting for "ship anyway", and
   * the order it was asked for (another order scanned meanwhile must not be shipped by it).
   */
  pending: { reason: Message; options: ShipOptions; orderId: string | null } | null;
  /** The partial button: asks the host first, ships when the split uploads, else warns. */
  ask(options: ShipOptions): Promise<void>;
  /** Asks the host; false (and the warning up) when the split cannot upload. */
  clear(options: ShipOptions): Promise<boolean>;
  confirm(): void;
  dismiss(): void;
};

const benchOrderId = (): string | null => useBenchStore.getState().state.order?.id ?? null;

/** The warning still stands for the order on the bench (it is moot once another order is open). */
export const partialPendingHere = (pending: PartialShipStore['pending']): boolean => pending !== null && pending.orderId === benchOrderId();

/**
 * The warning before a partial ship (mission-anchors §3.9): Taobao takes a split only by whole
 * sub-order, so a parcel with part of a line, or lines with no 子订单编号, would be held from the
 * 批量发货 file until the rest ships. Said before the label, not found out at the upload. Not a
 * block: the goods may have to leave anyway.
 */
export const usePartialShipStore = create<PartialShipStore>()((set, get) => ({
  pending: null,
  async ask(options) {
    if (await get().clear(options)) void useBenchStore.getState().ship(options);
  },
  async clear(options) {
    let check: { ok: boolean; reason: Message | null } = { ok: true, reason: null };
    try {
      check = await getApi().call('shipments.partialCheck', {});
    } catch {
      // The host's ship answers for itself (and warns after the parcel if the split cannot upload).
    }
    if (check.ok || !check.reason) return true;
    playOutcome('error');
    set({ pending: { reason: check.reason, options, orderId: benchOrderId() } });
    return false;
  },
  confirm() {
    const pending = get().pending;
    set({ pending: null });
    // Asked about another order (the packer scanned on): never ship this one partly on its answer.
    if (pending && pending.orderId === benchOrderId()) void useBenchStore.getState().ship(pending.options);
  },
  dismiss: () => set({ pending: null }),
}));
