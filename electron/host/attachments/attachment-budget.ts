import { msg, type Message } from '#shared/i18n/message';
import type { AttachmentStore } from './attachment-store';
import type { AttachmentUploadsRepo } from './attachment-uploads.repo';

const MB = 1024 * 1024;
/** From here on, with nothing the bench may let go, the top bar warns before the disk fills. */
const WARN_SHARE = 0.9;

export type BudgetUsage = { usedBytes: number; budgetBytes: number; evictable: boolean };

/**
 * The disk budget of the photos and pictures kept at this bench (pack clips have their own, see
 * clips.repo). Over it, local copies the hub has confirmed go, oldest first: they come back on
 * demand. Never the only copy (not yet confirmed), never a SKU picture the bench line shows, never
 * a pack clip. When the files near the budget and none may go, the bench says so.
 */
export function createAttachmentBudget(deps: { store: AttachmentStore; uploads: AttachmentUploadsRepo; budgetMb: () => number }) {
  const { store, uploads } = deps;
  const budgetBytes = () => deps.budgetMb() * MB;

  return {
    /** Lets confirmed copies go, oldest first, until the files fit the budget. */
    sweep(): { evicted: number; freedBytes: number } {
      const budget = budgetBytes();
      let used = uploads.localBytes();
      let evicted = 0;
      let freedBytes = 0;
      while (used > budget) {
        const batch = uploads.evictable();
        if (batch.length === 0) break;
        for (const candidate of batch) {
          if (used <= budget) break;
          if (!store.evict(candidate.sha256)) continue;
          used -= candidate.bytes;
          freedBytes += candidate.bytes;
          evicted++;
        }
      }
      return { evicted, freedBytes };
    },
    usage(): BudgetUsage {
      return { usedBytes: uploads.localBytes(), budgetBytes: budgetBytes(), evictable: uploads.evictable(1).length > 0 };
    },
    /** The warning the top bar shows, or null. */
    warning(): Message | null {
      const { usedBytes, budgetBytes: budget, evictable } = this.usage();
      if (usedBytes < WARN_SHARE * budget || evictable) return null;
      return msg('attachments.budgetNearlyFull', { used: Math.round(usedBytes / MB), budget: Math.round(budget / MB), pending: uploads.pendingCount() });
    },
  };
}
export type AttachmentBudget = ReturnType<typeof createAttachmentBudget>;
