import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations/index';
import { openDatabase, type Db } from '../db/open-database';
import { createClipsRepo } from '../pack-video/clips.repo';
import { createAttachmentBudget } from './attachment-budget';
import { createAttachmentStore } from './attachment-store';
import { createAttachmentUploadsRepo } from './attachment-uploads.repo';

const MB = 1024 * 1024;
const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  dbs.splice(0).forEach((db) => db.close());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function station(budgetBytes = 1e9) {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-budget-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'station.db'));
  dbs.push(db);
  migrate(db, migrations);
  const store = createAttachmentStore(db, dir);
  const uploads = createAttachmentUploadsRepo(db);
  const budget = createAttachmentBudget({ store, uploads, budgetMb: () => budgetBytes / MB });
  const photo = (createdAt: string, size = 1000, mime = 'image/jpeg') => {
    const { sha256 } = store.put(randomBytes(size), mime);
    db.prepare('UPDATE attachments SET created_at = ? WHERE sha256 = ?').run(createdAt, sha256);
    return sha256;
  };
  const confirm = (sha256: string) => uploads.confirm(sha256, 0, new Date());
  return { db, dir, store, uploads, budget, photo, confirm, clips: createClipsRepo(db, store) };
}

describe('the photos disk budget', () => {
  it('lets go of copies the hub has, oldest first, until the photos fit; never the only copy, a SKU picture in use or a pack clip', () => {
    const s = station(3500);
    const onlyCopy = s.photo('2026-01-01T00:00:00.000Z');
    const skuPicture = s.photo('2026-01-02T00:00:00.000Z');
    const clip = s.photo('2026-01-02T12:00:00.000Z', 1000, 'video/webm');
    const oldest = s.photo('2026-01-03T00:00:00.000Z');
    const newer = s.photo('2026-01-04T00:00:00.000Z');
    const newest = s.photo('2026-01-05T00:00:00.000Z');
    for (const sha of [skuPicture, clip, oldest, newer, newest]) s.confirm(sha);
    s.db.prepare("INSERT INTO sku_images (sku_code, sha256, updated_at) VALUES ('A', ?, 'x')").run(skuPicture);
    s.clips.record({ orderId: 'o', sha256: clip, packerId: null, startedAt: 'a', endedAt: 'b', durationMs: 0 });

    // The clip is not counted here (it has its own budget): five photos of 1000 bytes against 3500.
    expect(s.budget.usage()).toEqual({ usedBytes: 5000, budgetBytes: 3500, evictable: true });
    expect(s.budget.sweep()).toEqual({ evicted: 2, freedBytes: 2000 });
    expect(s.store.open(oldest)).toBeNull();
    expect(s.store.open(newer)).toBeNull();
    for (const kept of [onlyCopy, skuPicture, clip, newest]) expect(s.store.open(kept)).not.toBeNull();
    expect(s.uploads.stateOf(oldest)).toMatchObject({ state: 'confirmed', evictedAt: expect.any(String) });
    expect(s.budget.usage().usedBytes).toBe(3000);
    // A pending file cannot be let go even when asked directly.
    expect(s.store.evict(onlyCopy)).toBe(false);
    expect(s.store.open(onlyCopy)).not.toBeNull();
  });

  it('warns at 90 % only when nothing may go, and a copy fetched back counts again and is no longer evicted', () => {
    const s = station(2000);
    const a = s.photo('2026-01-01T00:00:00.000Z');
    const b = s.photo('2026-01-02T00:00:00.000Z', 800);
    expect(s.budget.warning()).toMatchObject({ key: 'attachments.budgetNearlyFull', params: { pending: 2 } });
    s.confirm(a);
    // One may go: no warning (it goes when the budget is exceeded).
    expect(s.budget.warning()).toBeNull();
    s.confirm(b);
    const bytes = readFileSync(s.store.open(a)!.path);
    expect(s.store.evict(a)).toBe(true);
    expect(s.budget.usage().usedBytes).toBe(800);
    expect(s.budget.warning()).toBeNull();
    const back = s.store.put(bytes, 'image/jpeg');
    expect(back.sha256).toBe(a);
    expect(s.uploads.stateOf(a)).toMatchObject({ state: 'confirmed', evictedAt: null });
  });

  it('counts files stored before this version as made at this bench, owed to the hub', () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-budget-'));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'station.db'));
    dbs.push(db);
    migrate(db, migrations, 8);
    db.prepare("INSERT INTO attachments (sha256, mime, bytes, created_at) VALUES (?, 'image/png', 10, 'x')").run('ab'.repeat(32));
    migrate(db, migrations);
    expect(createAttachmentUploadsRepo(db).stateOf('ab'.repeat(32))).toMatchObject({ state: 'pending', uploadedBytes: 0 });
    expect(db.prepare('SELECT made_here FROM attachment_uploads').pluck().get()).toBe(1);
  });
});

describe('pack clips while paired', () => {
  const clipAt = (s: ReturnType<typeof station>, orderId: string, createdAt: string) => {
    const { sha256 } = s.store.put(Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), randomBytes(996)]), 'video/webm');
    const id = s.clips.record({ orderId, sha256, packerId: null, startedAt: 'a', endedAt: 'b', durationMs: 0 });
    s.db.prepare('UPDATE pack_clips SET created_at = ? WHERE id = ?').run(createdAt, id);
    return sha256;
  };
  const now = new Date('2026-07-01T00:00:00.000Z');

  it('a clip the hub does not have is never deleted, past retention or over budget; one it has loses only its local copy over budget', () => {
    const s = station();
    const oldUnsent = clipAt(s, 'o1', '2025-01-01T00:00:00.000Z');
    const oldSent = clipAt(s, 'o2', '2025-01-02T00:00:00.000Z');
    const unsent = clipAt(s, 'o3', '2026-06-01T00:00:00.000Z');
    const sent = clipAt(s, 'o4', '2026-06-02T00:00:00.000Z');
    const newest = clipAt(s, 'o5', '2026-06-03T00:00:00.000Z');
    for (const sha of [oldSent, sent, newest]) s.confirm(sha);

    const result = s.clips.sweep({ now, budgetBytes: 3000, retentionDays: 180, paired: true });
    expect(result).toEqual({ removedClips: 1, evictedClips: 1, freedBytes: 2000 });
    expect(s.clips.forOrder('o1')).toHaveLength(1);
    expect(s.store.open(oldUnsent)).not.toBeNull();
    expect(s.clips.forOrder('o2')).toEqual([]);
    expect(s.store.open(unsent)).not.toBeNull();
    // Still listed with the order (it plays from the hub), no longer on this disk.
    expect(s.clips.forOrder('o4')).toHaveLength(1);
    expect(s.store.open(sent)).toBeNull();
    expect(s.store.open(newest)).not.toBeNull();
    expect(s.clips.clipBytes()).toBe(3000);
  });

  it('standalone, the budget and retention delete clips as before', () => {
    const s = station();
    clipAt(s, 'o1', '2025-01-01T00:00:00.000Z');
    clipAt(s, 'o2', '2026-06-01T00:00:00.000Z');
    clipAt(s, 'o3', '2026-06-02T00:00:00.000Z');
    expect(s.clips.sweep({ now, budgetBytes: 1500, retentionDays: 180, paired: false })).toEqual({ removedClips: 2, evictedClips: 0, freedBytes: 2000 });
    expect(s.clips.forOrder('o3')).toHaveLength(1);
  });
});
