import { create } from 'zustand';
import type { Events } from '#shared/contract/events.contract';
import type { z } from 'zod';
import type { Message } from '#shared/i18n/message';

type SlipPrinted = z.infer<Events['slips.printed']>;

/** The last packing slip (发货单) that did not print, until one prints. */
export type SlipProblem = { orderId: string; reason: Message | null };

type SlipStatusStore = {
  failed: SlipProblem | null;
  /** The host's slips.printed: a slip prints off the scan path, so this is the bench's only word of it. */
  onSlip(event: SlipPrinted): void;
};

export const useSlipStatusStore = create<SlipStatusStore>((set) => ({
  failed: null,
  onSlip: (event) => set({ failed: event.ok ? null : { orderId: event.orderId, reason: event.message } }),
}));
