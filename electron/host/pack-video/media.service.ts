import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { ClipUsage, PackClip } from '#shared/contract/media.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { ATTACHMENT_CAPS, type AttachmentStore } from '../attachments/attachment-store';
import { sniffImage } from './image-sniff';
import type { Db } from '../db/open-database';
import type { SettingsService } from '../settings/settings.service';
import type { ClipRow, ClipsRepo } from './clips.repo';

const GB = 1024 ** 3;
/** WebM (Matroska) files open with the EBML magic; anything else is not a clip from our recorder. */
const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

export type ClipMeta = { orderId: string; startedAt: string; endedAt: string; durationMs: number; packerId: string | null };

/**
 * Pack videos and SKU pictures: the store, the clip rows and the read ticket. Uploads and sweeps
 * run after the order, from the HTTP side; nothing here sits on the scan path.
 */
export function createMediaService(deps: {
  db: Db; store: AttachmentStore; clips: ClipsRepo; settings: SettingsService; now?: () => Date;
  /** Paired with a hub: a clip the hub does not have yet is never deleted here. */
  paired?: () => boolean;
}) {
  const { store, clips, settings } = deps;
  const now = deps.now ?? (() => new Date());
  // One per host process: the pages fetch it over the RPC, which already checked the bench's token.
  const ticket = randomBytes(18).toString('base64url');
  const setImage = deps.db.prepare(`INSERT INTO sku_images (sku_code, sha256, url, updated_at) VALUES (@skuCode, @sha256, @url, @at)
    ON CONFLICT (sku_code) DO UPDATE SET sha256 = excluded.sha256, url = excluded.url, updated_at = excluded.updated_at`);
  const imageOf = deps.db.prepare('SELECT coalesce(sha256, url) FROM sku_images WHERE sku_code = ?').pluck();

  const toPackClip = (c: ClipRow): PackClip => ({
    id: c.id, orderId: c.orderId, sha256: c.sha256, bytes: c.bytes, startedAt: c.startedAt, endedAt: c.endedAt,
    durationMs: c.durationMs, scans: c.scans, marks: clips.marks(c.id),
  });

  const budgetBytes = () => settings.get().packVideo.budgetGb * GB;
  const sweep = () => {
    const { budgetGb, retentionDays } = settings.get().packVideo;
    return clips.sweep({ now: now(), budgetBytes: budgetGb * GB, retentionDays, paired: deps.paired?.() ?? false });
  };

  return {
    ticket: () => ticket,
    ticketMatches(given: string): boolean {
      const a = Buffer.from(given);
      const b = Buffer.from(ticket);
      return a.length === b.length && timingSafeEqual(a, b);
    },
    /** Streams a clip into the store, checks it is WebM, links it to its order and sweeps. */
    async acceptClip(body: AsyncIterable<Uint8Array>, meta: ClipMeta): Promise<PackClip> {
      const stored = await store.putStream(body, 'video/webm');
      const opened = store.open(stored.sha256);
      const head = opened ? await readHead(opened.path) : Buffer.alloc(0);
      if (!head.subarray(0, 4).equals(EBML_MAGIC)) {
        if (!clips.orderOfClip(stored.sha256)) store.remove(stored.sha256);
        throw new AppError('INVALID_INPUT', msg('media.notWebm'));
      }
      const id = clips.record({ ...meta, sha256: stored.sha256 });
      sweep();
      const clip = clips.forOrder(meta.orderId).find((c) => c.id === id);
      if (!clip) throw new AppError('CONFLICT', msg('media.overBudget'));
      return toPackClip(clip);
    },
    forOrder: (orderId: string): PackClip[] => clips.forOrder(orderId).map(toPackClip),
    usage(): ClipUsage {
      const usedBytes = clips.clipBytes();
      const budget = budgetBytes();
      return { usedBytes, budgetBytes: budget, nearlyFull: usedBytes >= 0.9 * budget };
    },
    sweep,
    /** A picture chosen on the SKU page or named by the catalog import. */
    setSkuImage(skuCode: string, image: { sha256: string } | { url: string }): void {
      setImage.run({ skuCode, sha256: 'sha256' in image ? image.sha256 : null, url: 'sha256' in image ? null : image.url, at: now().toISOString() });
    },
    /** The catalog import's picture cell: an https address is kept as is, a local file is copied in. */
    importSkuImage(skuCode: string, ref: string, log?: (line: string, error?: unknown) => void): void {
      if (/^https:/i.test(ref)) return this.setSkuImage(skuCode, { url: ref });
      try {
        const size = statSync(ref).size;
        if (size > ATTACHMENT_CAPS['image/png']) return;
        const bytes = readFileSync(ref);
        const mime = sniffImage(bytes);
        if (!mime) return;
        this.setSkuImage(skuCode, store.put(bytes, mime));
      } catch (error) {
        log?.(`[catalog] picture of ${skuCode} not read`, error);
      }
    },
    /** A stored picture's SHA-256 or an https address, for the bench line. */
    imageOf: (skuCode: string) => (imageOf.get(skuCode) as string | null | undefined) ?? null,
    store,
  };
}
export type MediaService = ReturnType<typeof createMediaService>;

async function readHead(path: string): Promise<Buffer> {
  const { open } = await import('node:fs/promises');
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4);
    await handle.read(buffer, 0, 4, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}
