import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { attachmentStatusSchema, hubErrorSchema } from '#shared/contract/hub.contract';
import { AppError } from '#shared/contract/errors';
import { msg, type Message } from '#shared/i18n/message';
import type { HubReply } from '../sync/hub-transport';
import type { HubFiles } from '../sync/hub-files';
import type { AttachmentStore } from './attachment-store';
import type { AttachmentUploadsRepo, DueUpload } from './attachment-uploads.repo';

/** Small enough that a cut connection loses little, large enough that a 3 MB photo is six requests. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 10 * 60_000;
/** The hub said "start at N" this many times in a row for one file: something else is writing it. */
const OFFSET_RETRIES = 5;

/** The hub answered, and not with success: this file waits, the others go on. */
class Refused extends Error {
  constructor(readonly status: number, readonly code: string | null, readonly reason: Message, readonly expected?: number) {
    super(code ?? `status ${status}`);
  }
}
/** The hub cannot be reached or cannot take files now: the whole run stops until the next sync. */
class Stop extends Error {}

export type UploadRun = { uploaded: number; failed: number; stopped: boolean };

/**
 * Sends every attachment made at this bench to the hub, oldest first, after the sync round's push
 * (ops never wait for files: an op naming a photo may reach the hub long before the photo). Each
 * file goes in chunks appended at the offset the hub says it holds, so a cut connection or a
 * restart resumes where the hub stopped, never from the start. A file that fails waits with
 * a doubling backoff; one that cannot ever go (damaged or gone here) says so and stops trying.
 */
export function createAttachmentUploader(deps: {
  store: AttachmentStore;
  uploads: AttachmentUploadsRepo;
  /** The paired hub's files, or null when standalone (then there is nothing to do). */
  files: () => HubFiles | null;
  now?: () => Date;
  chunkBytes?: number;
  /** Something moved (a chunk, a confirmation): the status bar and the disk budget look again. */
  onProgress?: () => void;
  log?: (line: string, error?: unknown) => void;
}) {
  const { store, uploads } = deps;
  const now = deps.now ?? (() => new Date());
  const chunkBytes = deps.chunkBytes ?? UPLOAD_CHUNK_BYTES;
  let running: Promise<UploadRun> | null = null;
  let again = false;

  function answer(reply: HubReply): unknown {
    if (reply.status >= 200 && reply.status < 300) return reply.body;
    const error = hubErrorSchema.safeParse(reply.body);
    // 5xx, 401 (unpaired), 404 (a hub without the file endpoints), 426: no other file will do better now.
    if (reply.status >= 500 || reply.status === 401 || reply.status === 426 || !error.success) throw new Stop(`hub answered ${reply.status}`);
    throw new Refused(reply.status, error.data.error, error.data.msg, error.data.expected);
  }

  async function upload(files: HubFiles, item: DueUpload): Promise<void> {
    const status = attachmentStatusSchema.parse(answer(await files.status(item.sha256)));
    if (status.complete) return uploads.confirm(item.sha256, item.bytes, now());
    const file = store.open(item.sha256);
    if (!file) throw new Refused(0, 'gone', msg('attachments.upload.fileGone'));
    const handle = await open(file.path, 'r');
    try {
      // What the hub holds of this bench's upload; one declared otherwise (never by this build) begins again.
      let offset = status.totalBytes === item.bytes ? status.receivedBytes : 0;
      for (let mismatches = 0; ; ) {
        const length = Math.min(chunkBytes, item.bytes - offset);
        const chunk = Buffer.alloc(length);
        const { bytesRead } = await handle.read(chunk, 0, length, offset);
        if (bytesRead !== length) throw new Refused(0, 'gone', msg('attachments.upload.fileGone'));
        try {
          const body = attachmentStatusSchema.parse(answer(await files.append(item.sha256, { offset, total: item.bytes, mime: item.mime }, chunk)));
          offset = body.receivedBytes;
          uploads.progress(item.sha256, offset);
          deps.onProgress?.();
          if (body.complete) return uploads.confirm(item.sha256, item.bytes, now());
          mismatches = 0;
        } catch (error) {
          // A chunk that reached the hub but whose answer was lost, or another bench sending the same bytes.
          if (!(error instanceof Refused) || error.code !== 'offset_mismatch' || error.expected === undefined || ++mismatches > OFFSET_RETRIES) throw error;
          offset = error.expected;
        }
      }
    } finally {
      await handle.close();
    }
  }

  async function settleFailure(item: DueUpload, error: unknown): Promise<'retry' | 'failed'> {
    if (error instanceof Refused && (error.code === 'gone' || (error.code === 'hash_mismatch' && !(await intact(store, item.sha256))))) {
      uploads.fail(item.sha256, error.code === 'gone' ? error.reason : msg('attachments.upload.localDamaged'));
      deps.log?.(`[attachments] ${item.sha256.slice(0, 12)}… cannot be uploaded: ${error.code}`);
      return 'failed';
    }
    const wait = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(item.attempts, 20));
    const reason = error instanceof Refused ? error.reason : error instanceof AppError ? error.msg : msg('attachments.upload.interrupted');
    uploads.retry(item.sha256, new Date(now().getTime() + wait), reason);
    return 'retry';
  }

  async function runOnce(): Promise<UploadRun> {
    const result: UploadRun = { uploaded: 0, failed: 0, stopped: false };
    const tried = new Set<string>();
    for (;;) {
      const files = deps.files();
      if (!files) return result;
      const batch = uploads.due(now()).filter((item) => !tried.has(item.sha256));
      if (batch.length === 0) return result;
      for (const item of batch) {
        tried.add(item.sha256);
        try {
          await upload(files, item);
          result.uploaded++;
          deps.onProgress?.();
        } catch (error) {
          const settled = await settleFailure(item, error);
          if (settled === 'failed') result.failed++;
          deps.onProgress?.();
          // Offline or the hub refuses files altogether: the next sync round starts a new run.
          if (error instanceof Stop || (error instanceof AppError && error.code === 'HUB_UNREACHABLE')) return { ...result, stopped: true };
        }
      }
    }
  }

  return {
    /** Uploads whatever is due; a call during a run joins it and queues exactly one more. */
    async run(): Promise<UploadRun> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let last: UploadRun;
        do {
          again = false;
          last = await runOnce();
        } while (again && !last.stopped);
        return last;
      })();
      try {
        return await running;
      } finally {
        running = null;
      }
    },
    pendingCount: () => uploads.pendingCount(),
  };
}
export type AttachmentUploader = ReturnType<typeof createAttachmentUploader>;

/** Whether the local file still hashes to its name (the hub found the uploaded bytes did not). */
async function intact(store: AttachmentStore, sha256: string): Promise<boolean> {
  const file = store.open(sha256);
  if (!file) return false;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file.path)) hash.update(chunk as Buffer);
  return hash.digest('hex') === sha256;
}
