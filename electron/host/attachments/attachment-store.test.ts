import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations/index';
import { openDatabase, type Db } from '../db/open-database';
import { createClipsRepo } from '../pack-video/clips.repo';
import { createMediaService } from '../pack-video/media.service';
import { defaultSettings } from '#shared/contract/settings.contract';
import { AttachmentTooLarge, createAttachmentStore } from './attachment-store';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  dbs.splice(0).forEach((db) => db.close());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function station() {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-attach-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'station.db'));
  dbs.push(db);
  migrate(db, migrations);
  const store = createAttachmentStore(db, dir);
  return { dir, db, store, clips: createClipsRepo(db, store) };
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const webm = (n: number, fill = 1) => Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(n, fill)]);

describe('attachment store', () => {
  it('names a file by its SHA-256, keeps the same bytes once, and the file is readable by its owner only', () => {
    const { store } = station();
    const bytes = webm(1000);
    const first = store.put(bytes, 'video/webm');
    expect(first).toEqual({ sha256: sha(bytes), bytes: bytes.length });
    expect(store.put(bytes, 'video/webm')).toEqual(first);
    const opened = store.open(first.sha256)!;
    expect(opened.mime).toBe('video/webm');
    expect(readFileSync(opened.path).equals(bytes)).toBe(true);
    expect(readdirSync(store.dir)).toEqual([first.sha256]);
    if (process.platform !== 'win32') {
      expect(statSync(opened.path).mode & 0o777).toBe(0o600);
      expect(statSync(store.dir).mode & 0o777).toBe(0o700);
    }
  });

  it('streams a body in chunk by chunk and refuses one past the cap without leaving a file behind', async () => {
    const { store } = station();
    async function* chunks(count: number, size: number) {
      for (let i = 0; i < count; i++) yield Buffer.alloc(size, i);
    }
    const stored = await store.putStream(chunks(8, 64 * 1024), 'video/webm');
    expect(stored.bytes).toBe(8 * 64 * 1024);
    // A picture is capped at 8 MB: 9 MB is refused as it arrives.
    await expect(store.putStream(chunks(9, 1024 * 1024), 'image/png')).rejects.toBeInstanceOf(AttachmentTooLarge);
    expect(readdirSync(store.dir)).toEqual([stored.sha256]);
  });

  it('refuses types it does not keep, and never opens a name that is not a SHA-256', () => {
    const { store } = station();
    expect(() => store.put(Buffer.from('x'), 'text/html')).toThrow(TypeError);
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (name) => {
        expect(store.open(name)).toBeNull();
      }),
    );
    expect(store.open('../station.db')).toBeNull();
    expect(store.open('0'.repeat(64))).toBeNull();
  });
});

describe('pack clip sweep', () => {
  const record = (s: ReturnType<typeof station>, orderId: string, bytes: Buffer) => {
    const { sha256 } = s.store.put(bytes, 'video/webm');
    return s.clips.record({ orderId, sha256, packerId: null, startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:01:00.000Z', durationMs: 60_000 });
  };
  const age = (s: ReturnType<typeof station>, id: string, createdAt: string) =>
    s.db.prepare('UPDATE pack_clips SET created_at = ? WHERE id = ?').run(createdAt, id);

  it('deletes the clips past the retention period, with their files', () => {
    const s = station();
    const old = record(s, 'o1', webm(100, 1));
    record(s, 'o2', webm(100, 2));
    age(s, old, '2025-01-01T00:00:00.000Z');
    const result = s.clips.sweep({ now: new Date('2026-01-02T00:00:00.000Z'), budgetBytes: 1e9, retentionDays: 180, paired: false });
    expect(result).toEqual({ removedClips: 1, evictedClips: 0, freedBytes: 104 });
    expect(s.clips.forOrder('o1')).toEqual([]);
    expect(s.clips.forOrder('o2')).toHaveLength(1);
    expect(readdirSync(s.store.dir)).toHaveLength(1);
  });

  it('deletes the oldest clips until the rest fit the disk budget', () => {
    const s = station();
    const ids = [1, 2, 3, 4].map((i) => record(s, `o${i}`, webm(1000, i)));
    ids.forEach((id, i) => age(s, id, `2026-01-0${i + 1}T00:00:00.000Z`));
    expect(s.clips.clipBytes()).toBe(4 * 1004);
    const result = s.clips.sweep({ now: new Date('2026-01-05T00:00:00.000Z'), budgetBytes: 2500, retentionDays: 180, paired: false });
    expect(result.removedClips).toBe(2);
    expect(s.clips.forOrder('o1')).toEqual([]);
    expect(s.clips.forOrder('o2')).toEqual([]);
    expect(s.clips.forOrder('o4')).toHaveLength(1);
    expect(s.clips.clipBytes()).toBeLessThanOrEqual(2500);
  });

  it('keeps a file that a SKU picture still uses when the clip naming the same bytes goes', () => {
    const s = station();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const { sha256 } = s.store.put(png, 'image/png');
    s.db.prepare("INSERT INTO sku_images (sku_code, sha256, updated_at) VALUES ('A', ?, 'x')").run(sha256);
    const id = s.clips.record({ orderId: 'o', sha256, packerId: null, startedAt: 'a', endedAt: 'b', durationMs: 0 });
    age(s, id, '2000-01-01T00:00:00.000Z');
    s.clips.sweep({ now: new Date('2026-01-01T00:00:00.000Z'), budgetBytes: 1e9, retentionDays: 1, paired: false });
    expect(s.store.open(sha256)).not.toBeNull();
  });

  it('links the scans of the order that fell inside the clip, with their offset', () => {
    const s = station();
    const scan = s.db.prepare("INSERT INTO scan_events (id, order_id, code, outcome, at) VALUES (?, ?, 'x', 'verified', ?)");
    scan.run('s1', 'o1', '2026-01-01T00:00:10.000Z');
    scan.run('s2', 'o1', '2026-01-01T00:02:00.000Z');
    scan.run('s3', 'o2', '2026-01-01T00:00:20.000Z');
    const id = record(s, 'o1', webm(10));
    const links = s.db.prepare('SELECT scan_id AS scanId, offset_ms AS offsetMs FROM pack_clip_scans WHERE clip_id = ?').all(id);
    expect(links).toEqual([{ scanId: 's1', offsetMs: 10_000 }]);
    expect(s.clips.forOrder('o1')[0]?.scans).toBe(1);
  });

  it('lists the scans a clip shows with their time in it, in order, so the player can jump to each', () => {
    const s = station();
    const scan = s.db.prepare("INSERT INTO scan_events (id, order_id, code, outcome, sku_code, at) VALUES (?, 'o1', ?, ?, ?, ?)");
    scan.run('s2', '6900000000011', 'verified', 'SKU-0001', '2026-01-01T00:00:04.500Z');
    scan.run('s1', '4012345678900000201', 'opened', null, '2026-01-01T00:00:00.200Z');
    scan.run('s3', '6900000000021', 'completed', 'SKU-0002', '2026-01-01T00:00:07.000Z');
    const id = record(s, 'o1', webm(10));
    expect(s.clips.marks(id)).toEqual([
      { offsetMs: 200, code: '4012345678900000201', outcome: 'opened', skuCode: null },
      { offsetMs: 4500, code: '6900000000011', outcome: 'verified', skuCode: 'SKU-0001' },
      { offsetMs: 7000, code: '6900000000021', outcome: 'completed', skuCode: 'SKU-0002' },
    ]);
  });

  it('starts the list with the scan that opened the order when the camera began just after it, at 0:00', () => {
    const s = station();
    const scan = s.db.prepare("INSERT INTO scan_events (id, order_id, code, outcome, sku_code, at) VALUES (?, 'o1', ?, ?, ?, ?)");
    // An opening of the same order long before (an earlier take) is not this clip's.
    scan.run('s0', '4012345678900000201', 'opened', null, '2025-12-31T23:50:00.000Z');
    // The camera took 1.2 s to start recording after the order id was scanned.
    scan.run('s1', '4012345678900000201', 'opened', null, '2025-12-31T23:59:58.800Z');
    scan.run('s2', '6900000000011', 'verified', 'SKU-0001', '2026-01-01T00:00:04.500Z');
    const id = record(s, 'o1', webm(10));
    expect(s.clips.marks(id)).toEqual([
      { offsetMs: 0, code: '4012345678900000201', outcome: 'opened', skuCode: null },
      { offsetMs: 4500, code: '6900000000011', outcome: 'verified', skuCode: 'SKU-0001' },
    ]);
    expect(s.clips.forOrder('o1')[0]?.scans).toBe(2);
  });
});

describe('disk budget warning', () => {
  it('says nearly full at 90 % of the budget, and an upload past the budget sweeps the oldest clip', async () => {
    const s = station();
    const budgetGb = 8500 / 1024 ** 3;
    const settings = { get: () => ({ ...defaultSettings, packVideo: { enabled: true, budgetGb, retentionDays: 180 } }), update: () => defaultSettings };
    const media = createMediaService({ db: s.db, store: s.store, clips: s.clips, settings });
    const meta = (orderId: string) => ({ orderId, startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000, packerId: null });
    async function* body(fill: number) {
      yield webm(4000, fill);
    }
    await media.acceptClip(body(1), meta('o1'));
    expect(media.usage()).toEqual({ usedBytes: 4004, budgetBytes: 8500, nearlyFull: false });
    await media.acceptClip(body(2), meta('o2'));
    // 8008 of 8500: past 90 %, the bench warns.
    expect(media.usage().nearlyFull).toBe(true);
    s.db.prepare("UPDATE pack_clips SET created_at = '2025-12-01T00:00:00.000Z' WHERE order_id = 'o1'").run();
    await media.acceptClip(body(3), meta('o3'));
    // 3 × 4004 > 8500: the oldest went, the newest is kept.
    expect(media.forOrder('o1')).toEqual([]);
    expect(media.forOrder('o3')).toHaveLength(1);
    expect(media.usage()).toEqual({ usedBytes: 8008, budgetBytes: 8500, nearlyFull: true });
    await expect(media.acceptClip((async function* () { yield Buffer.from('not a webm'); })(), meta('o4'))).rejects.toThrow(/media.notWebm/);
  });
});
