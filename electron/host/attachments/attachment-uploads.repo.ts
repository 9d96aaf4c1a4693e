import type { Message } from '#shared/i18n/message';
import type { AttachmentMime } from '#shared/domain/attachments';
import type { Db } from '../db/open-database';

export type DueUpload = { sha256: string; mime: AttachmentMime; bytes: number; attempts: number };
export type EvictionCandidate = { sha256: string; bytes: number };

/**
 * attachment_uploads: what the hub still needs from this bench, how far each upload got, when to
 * try again, and which local copies the disk budget may let go.
 */
export function createAttachmentUploadsRepo(db: Db) {
  const q = {
    due: db.prepare(`SELECT u.sha256, a.mime, a.bytes, u.attempts FROM attachment_uploads u JOIN attachments a USING (sha256)
      WHERE u.state = 'pending' AND (u.next_attempt_at IS NULL OR u.next_attempt_at <= ?) ORDER BY a.created_at, u.sha256 LIMIT ?`),
    progress: db.prepare('UPDATE attachment_uploads SET uploaded_bytes = ? WHERE sha256 = ?'),
    confirm: db.prepare(`UPDATE attachment_uploads SET state = 'confirmed', confirmed_at = @at, uploaded_bytes = @bytes, attempts = 0,
      next_attempt_at = NULL, last_error = NULL WHERE sha256 = @sha256 AND state <> 'confirmed'`),
    retry: db.prepare('UPDATE attachment_uploads SET attempts = attempts + 1, next_attempt_at = @next, last_error = @error WHERE sha256 = @sha256'),
    fail: db.prepare("UPDATE attachment_uploads SET state = 'failed', last_error = @error, next_attempt_at = NULL WHERE sha256 = @sha256 AND state = 'pending'"),
    pending: db.prepare("SELECT count(*) FROM attachment_uploads WHERE state = 'pending'").pluck(),
    state: db.prepare('SELECT state, uploaded_bytes AS uploadedBytes, attempts, last_error AS lastError, evicted_at AS evictedAt FROM attachment_uploads WHERE sha256 = ?'),
    // What the photo budget counts: local copies, pack clips aside (they have their own budget).
    localBytes: db.prepare(`SELECT coalesce(sum(a.bytes), 0) FROM attachments a LEFT JOIN attachment_uploads u USING (sha256)
      WHERE u.evicted_at IS NULL AND NOT EXISTS (SELECT 1 FROM pack_clips c WHERE c.sha256 = a.sha256)`).pluck(),
    // Oldest first; never the only copy (not confirmed), never a SKU picture in use, never a pack clip.
    evictable: db.prepare(`SELECT a.sha256, a.bytes FROM attachments a JOIN attachment_uploads u USING (sha256)
      WHERE u.state = 'confirmed' AND u.evicted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM sku_images i WHERE i.sha256 = a.sha256)
        AND NOT EXISTS (SELECT 1 FROM pack_clips c WHERE c.sha256 = a.sha256)
      ORDER BY a.created_at, a.sha256 LIMIT ?`),
  };
  return {
    /** Uploads owed to the hub whose time has come, oldest file first. */
    due: (now: Date, limit = 50) => q.due.all(now.toISOString(), limit) as DueUpload[],
    progress: (sha256: string, uploadedBytes: number) => void q.progress.run(uploadedBytes, sha256),
    confirm: (sha256: string, bytes: number, at: Date) => void q.confirm.run({ sha256, bytes, at: at.toISOString() }),
    /** Try again at `next` (the attempt count doubles the wait). */
    retry: (sha256: string, next: Date, error: Message) => void q.retry.run({ sha256, next: next.toISOString(), error: JSON.stringify(error) }),
    /** Never again: the local file is damaged or gone (putting the same bytes again makes it pending afresh). */
    fail: (sha256: string, error: Message) => void q.fail.run({ sha256, error: JSON.stringify(error) }),
    pendingCount: () => q.pending.get() as number,
    stateOf: (sha256: string) =>
      (q.state.get(sha256) as { state: 'pending' | 'confirmed' | 'failed'; uploadedBytes: number; attempts: number; lastError: string | null; evictedAt: string | null } | undefined) ?? null,
    localBytes: () => q.localBytes.get() as number,
    evictable: (limit = 200) => q.evictable.all(limit) as EvictionCandidate[],
  };
}
export type AttachmentUploadsRepo = ReturnType<typeof createAttachmentUploadsRepo>;
