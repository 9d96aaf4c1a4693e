import { create } from 'zustand';
import type { Events } from '#shared/contract/events.contract';
import type { z } from 'zod';
import type { Message } from '#shared/i18n/message';
import { getApi } from '../../api/client';

type SlipPrinted = z.infer<Events['slips.printed']>;

/** The last packing slip (发货单) that did not print, until it or another prints. */
export type SlipProblem = { orderId: string; orderExternalId: string; reason: Message | null };

type SlipStatusStore = {
  failed: SlipProblem | null;
  reprinting: boolean;
  /** The host's slips.printed: a slip prints off the scan path, so this is the bench's only word of it. */
  onSlip(event: SlipPrinted): void;
  /** That order's slip again; how it went comes back as slips.printed (a failure keeps the line, with the new reason). */
  reprint(): Promise<void>;
};

export const useSlipStatusStore = create<SlipStatusStore>((set, get) => ({
  failed: null,
  reprinting: false,
  onSlip: (event) => set({ failed: event.ok ? null : { orderId: event.orderId, orderExternalId: event.orderExternalId, reason: event.message } }),
  reprint: async () => {
    const failed = get().failed;
    if (!failed || get().reprinting) return;
    set({ reprinting: true });
    try {
      await getApi().call('labels.printPackingSlip', { orderId: failed.orderId });
    } catch {
      // Said by the slips.printed event that came with the failure.
    } finally {
      set({ reprinting: false });
    }
  },
}));
