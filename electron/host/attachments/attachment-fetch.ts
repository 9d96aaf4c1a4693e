import { hubErrorSchema } from '#shared/contract/hub.contract';
import type { HubFiles } from '../sync/hub-files';
import { AttachmentHashMismatch, AttachmentTooLarge, type AttachmentStore } from './attachment-store';

/**
 * Why an attachment cannot be shown here: the hub has no complete copy yet (the bench that made it
 * has not uploaded it: the screen names that bench), the hub let it go after the shop's retention,
 * the hub cannot be reached now, or what came was not those bytes.
 */
export type FetchMiss = 'notUploaded' | 'expired' | 'hubUnreachable' | 'badCopy';
export type FetchResult = 'stored' | FetchMiss;
const UNREACHABLE_QUIET_MS = 10_000;

/**
 * Brings an attachment this bench does not hold from the hub into the store, streamed and checked
 * against its name on the way in (a copy that hashes otherwise is never kept). Two screens asking
 * for the same file at once share one download.
 */
export function createAttachmentFetcher(deps: { store: AttachmentStore; files: () => HubFiles | null; log?: (line: string, error?: unknown) => void; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const inFlight = new Map<string, Promise<FetchResult>>();
  // A screen of thumbnails while the hub is away: one slow miss, then quick answers for a while.
  let unreachableUntil = 0;

  async function fetchOnce(sha256: string): Promise<FetchResult> {
    const files = deps.files();
    if (!files) return 'notUploaded';
    let reply;
    try {
      reply = await files.download(sha256);
    } catch {
      return 'hubUnreachable';
    }
    if (!('stream' in reply)) {
      const error = hubErrorSchema.safeParse(reply.body);
      if (error.success && error.data.error === 'expired') return 'expired';
      if (error.success && (error.data.error === 'not_uploaded' || error.data.error === 'invalid')) return 'notUploaded';
      return 'hubUnreachable';
    }
    const stream = reply.stream;
    let received = 0;
    async function* counted() {
      for await (const chunk of stream) {
        received += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    }
    try {
      await deps.store.putFetched(counted(), reply.mime, sha256);
      return 'stored';
    } catch (error) {
      stream.destroy();
      // Fewer bytes than announced: the connection was cut, not a bad copy.
      if (error instanceof AttachmentHashMismatch && received < reply.bytes) return 'hubUnreachable';
      if (error instanceof AttachmentHashMismatch || error instanceof AttachmentTooLarge) {
        deps.log?.(`[attachments] the hub's copy of ${sha256.slice(0, 12)}… was refused: ${(error as Error).message}`);
        return 'badCopy';
      }
      // The connection broke mid-file: nothing was kept, the next look tries again.
      return 'hubUnreachable';
    }
  }

  return {
    fetch(sha256: string): Promise<FetchResult> {
      const running = inFlight.get(sha256);
      if (running) return running;
      if (now() < unreachableUntil) return Promise.resolve('hubUnreachable');
      const started = fetchOnce(sha256)
        .then((result) => {
          if (result === 'hubUnreachable') unreachableUntil = now() + UNREACHABLE_QUIET_MS;
          return result;
        })
        .finally(() => inFlight.delete(sha256));
      inFlight.set(sha256, started);
      return started;
    },
  };
}
export type AttachmentFetcher = ReturnType<typeof createAttachmentFetcher>;
