import type { Message } from '#shared/i18n/message';
import type { Db } from '../db/open-database';
import type { HubFilesFactory } from '../sync/hub-files';
import type { Pairing } from '../sync/sync-meta.repo';
import { createAttachmentBudget } from './attachment-budget';
import { createAttachmentFetcher } from './attachment-fetch';
import type { AttachmentStore } from './attachment-store';
import { createAttachmentUploader } from './attachment-uploader';
import { createAttachmentUploadsRepo } from './attachment-uploads.repo';

export type AttachmentSyncSummary = { pendingFiles: number; storageWarning: Message | null };

/**
 * Attachments and the hub, wired: the uploader (started after each sync round, never awaited by
 * it), on-demand fetches for the station's `/attachments/<sha>` route, and the disk budget, swept
 * after every file stored or confirmed. Standalone (not paired), nothing travels.
 */
export function createAttachmentSync(deps: {
  db: Db;
  store: AttachmentStore;
  pairing: () => Pairing | null;
  /** null: the hub link carries no files (an in-process hub in the simulator). */
  filesFor: HubFilesFactory | null;
  budgetMb: () => number;
  now?: () => Date;
  /** The summary changed (the status bar looks again). */
  onChange: () => void;
  log: (line: string, error?: unknown) => void;
}) {
  const { store, log } = deps;
  const uploads = createAttachmentUploadsRepo(deps.db);
  const files = () => {
    const pairing = deps.pairing();
    return pairing && deps.filesFor ? deps.filesFor(pairing.hubUrl, pairing.fingerprint, pairing.token) : null;
  };
  const budget = createAttachmentBudget({ store, uploads, budgetMb: deps.budgetMb });
  const sweep = () => {
    try {
      budget.sweep();
    } catch (error) {
      log('[attachments] the disk budget sweep failed', error);
    }
    deps.onChange();
  };
  const uploader = createAttachmentUploader({ store, uploads, files, onProgress: deps.onChange, log, ...(deps.now ? { now: deps.now } : {}) });
  const fetcher = createAttachmentFetcher({ store, files, log });
  let sweepQueued = false;
  let stopped = false;
  // After the write that stored it, never inside it: a photo saved on the bench never waits for a sweep.
  const unsubscribe = store.onStored(() => {
    if (sweepQueued) return;
    sweepQueued = true;
    setImmediate(() => {
      sweepQueued = false;
      if (!stopped) sweep();
    });
  });

  return {
    /** Starts an upload run (or queues one more); the caller does not wait for it. */
    kick(): void {
      if (stopped || !files()) return;
      uploader.run().then(
        (run) => run.uploaded > 0 && !stopped && sweep(),
        (error: unknown) => !stopped && log('[attachments] an upload run failed', error),
      );
    },
    /** The host is closing: no more runs or sweeps start (one in flight fails quietly with the database). */
    stop(): void {
      stopped = true;
      unsubscribe();
    },
    /** For tests and the CLI: one upload run, awaited. */
    uploadNow: () => uploader.run(),
    summary: (): AttachmentSyncSummary => ({ pendingFiles: deps.pairing() ? uploads.pendingCount() : 0, storageWarning: budget.warning() }),
    fetcher,
    budget,
    uploads,
    sweep,
  };
}
export type AttachmentSync = ReturnType<typeof createAttachmentSync>;
