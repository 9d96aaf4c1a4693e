import type { Db } from '../db/open-database';
import { newId } from '../db/new-id';
import { MAX_MARKS, type ClipScanMark } from '#shared/contract/media.contract';
import type { AttachmentStore } from '../attachments/attachment-store';

export type ClipRow = {
  id: string; orderId: string; sha256: string; bytes: number; packerId: string | null;
  startedAt: string; endedAt: string; durationMs: number; createdAt: string; scans: number;
};

/** removedClips: gone for good (row and file); evictedClips: the local copy let go, the hub keeps it. */
export type SweepResult = { removedClips: number; evictedClips: number; freedBytes: number };

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a camera may take to start recording after the scan that opened the order (opening it the first time is the slow part). */
const OPENING_LEAD_MS = 30_000;

/** Pack clips: which order a video shows, when, and which scans fell inside it. */
export function createClipsRepo(db: Db, store: AttachmentStore) {
  const q = {
    insert: db.prepare(`INSERT INTO pack_clips (id, order_id, sha256, packer_id, started_at, ended_at, duration_ms, created_at)
      VALUES (@id, @orderId, @sha256, @packerId, @startedAt, @endedAt, @durationMs, @createdAt)`),
    // Scans of this order between open and the clip's end; ISO times in UTC compare as text.
    link: db.prepare(`INSERT OR IGNORE INTO pack_clip_scans (clip_id, scan_id, offset_ms)
      SELECT @id, s.id, CAST(round((julianday(s.at) - julianday(@startedAt)) * 86400000) AS INTEGER)
      FROM scan_events s WHERE s.order_id = @orderId AND s.at >= @startedAt AND s.at <= @endedAt`),
    /*
     * The scan that opened the order is what starts the camera, so it lands just before the first
     * frame and the range above misses it. It is the clip's first mark, at 0:00: the video begins
     * at the moment the order opened, and a dispute reviewer sees which order id was scanned.
     * Only an opening just before the recording (OPENING_LEAD_MS) counts: an older one started an
     * earlier take, not this one.
     */
    linkOpening: db.prepare(`INSERT OR IGNORE INTO pack_clip_scans (clip_id, scan_id, offset_ms)
      SELECT @id, s.id, 0 FROM scan_events s WHERE s.order_id = @orderId AND s.outcome = 'opened' AND s.at < @startedAt AND s.at >= @leadFrom
      ORDER BY s.at DESC LIMIT 1`),
    forOrder: db.prepare(`SELECT c.id, c.order_id AS orderId, c.sha256, a.bytes, c.packer_id AS packerId, c.started_at AS startedAt,
        c.ended_at AS endedAt, c.duration_ms AS durationMs, c.created_at AS createdAt,
        (SELECT count(*) FROM pack_clip_scans s WHERE s.clip_id = c.id) AS scans
      FROM pack_clips c JOIN attachments a ON a.sha256 = c.sha256 WHERE c.order_id = ? ORDER BY c.started_at DESC LIMIT 20`),
    // The scans a clip shows, in its own time: the player jumps to each (cut to the contract's sizes).
    marks: db.prepare(`SELECT p.offset_ms AS offsetMs, substr(s.code, 1, 200) AS code, substr(s.outcome, 1, 40) AS outcome, substr(s.sku_code, 1, 64) AS skuCode
      FROM pack_clip_scans p JOIN scan_events s ON s.id = p.scan_id WHERE p.clip_id = ? ORDER BY p.offset_ms, s.at LIMIT ${MAX_MARKS}`),
    // The disk the clips take here: a copy let go (the hub has it) takes none.
    clipBytes: db.prepare(`SELECT coalesce(sum(a.bytes), 0) FROM (SELECT DISTINCT sha256 FROM pack_clips) c JOIN attachments a USING (sha256)
      LEFT JOIN attachment_uploads u USING (sha256) WHERE u.evicted_at IS NULL`).pluck(),
    oldest: db.prepare(`SELECT c.rowid AS rowid, c.id, c.sha256, c.created_at AS createdAt, coalesce(u.state, 'pending') AS state, u.evicted_at AS evictedAt
      FROM pack_clips c LEFT JOIN attachment_uploads u USING (sha256)
      WHERE (c.created_at, c.rowid) > (@createdAt, @rowid) ORDER BY c.created_at, c.rowid LIMIT 200`),
    remove: db.prepare('DELETE FROM pack_clips WHERE id = ?'),
    stillUsed: db.prepare(`SELECT EXISTS (SELECT 1 FROM pack_clips WHERE sha256 = @sha)
      OR EXISTS (SELECT 1 FROM sku_images WHERE sha256 = @sha)`).pluck(),
    orderOfClipSha: db.prepare('SELECT order_id FROM pack_clips WHERE sha256 = ? LIMIT 1').pluck(),
  };

  /** Drops a clip row, and its file when no other row still points at the same bytes. */
  function dropClip(clip: { id: string; sha256: string }): number {
    q.remove.run(clip.id);
    if (q.stillUsed.get({ sha: clip.sha256 })) return 0;
    const bytes = store.open(clip.sha256)?.bytes ?? 0;
    store.remove(clip.sha256);
    return bytes;
  }

  return {
    record(clip: { orderId: string; sha256: string; packerId: string | null; startedAt: string; endedAt: string; durationMs: number }): string {
      const id = newId();
      db.transaction(() => {
        q.insert.run({ id, ...clip, createdAt: new Date().toISOString() });
        q.link.run({ id, orderId: clip.orderId, startedAt: clip.startedAt, endedAt: clip.endedAt });
        const started = Date.parse(clip.startedAt);
        if (Number.isFinite(started)) {
          q.linkOpening.run({ id, orderId: clip.orderId, startedAt: clip.startedAt, leadFrom: new Date(started - OPENING_LEAD_MS).toISOString() });
        }
      })();
      return id;
    },
    forOrder: (orderId: string) => q.forOrder.all(orderId) as ClipRow[],
    marks: (clipId: string) => q.marks.all(clipId) as ClipScanMark[],
    clipBytes: () => q.clipBytes.get() as number,
    /**
     * Deletes clips past the retention period, then the oldest until the clips fit the budget.
     * Runs after an upload and at start, never on the scan path. While paired, a clip leaves this
     * bench only once the hub has it (else it would be the only copy gone); over the budget, a clip
     * the hub has loses its local copy only, and plays again from the hub when asked for.
     */
    sweep(options: { now: Date; budgetBytes: number; retentionDays: number; paired: boolean }): SweepResult {
      const cutoff = new Date(options.now.getTime() - options.retentionDays * DAY_MS).toISOString();
      const result: SweepResult = { removedClips: 0, evictedClips: 0, freedBytes: 0 };
      let used = q.clipBytes.get() as number;
      let after = { createdAt: '', rowid: 0 };
      for (;;) {
        const batch = q.oldest.all(after) as { rowid: number; id: string; sha256: string; createdAt: string; state: string; evictedAt: string | null }[];
        if (batch.length === 0) return result;
        for (const clip of batch) {
          after = { createdAt: clip.createdAt, rowid: clip.rowid };
          const expired = clip.createdAt < cutoff;
          if (!expired && used <= options.budgetBytes) return result;
          if (options.paired && clip.state !== 'confirmed') continue;
          if (expired || !options.paired) {
            const freed = dropClip(clip);
            result.freedBytes += freed;
            used -= freed;
            result.removedClips += 1;
          } else if (clip.evictedAt === null) {
            const bytes = store.open(clip.sha256)?.bytes ?? 0;
            if (!store.evict(clip.sha256)) continue;
            result.freedBytes += bytes;
            used -= bytes;
            result.evictedClips += 1;
          }
        }
      }
    },
    /** The order a stored video belongs to (null for pictures or unknown bytes). */
    orderOfClip: (sha256: string) => (q.orderOfClipSha.get(sha256) as string | undefined) ?? null,
  };
}
export type ClipsRepo = ReturnType<typeof createClipsRepo>;
