import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations/index';
import { openDatabase, type Db } from '../db/open-database';
import type { HubFiles } from '../sync/hub-files';
import { createAttachmentStore } from './attachment-store';
import { createAttachmentUploader } from './attachment-uploader';
import { createAttachmentUploadsRepo } from './attachment-uploads.repo';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  dbs.splice(0).forEach((db) => db.close());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The hub's side of the files protocol, in memory: status, appends only at the offset held, a
 * completed file checked against its name (discarded otherwise). `trouble` makes the next append
 * fail as a network does: before the hub sees it, or after it stored the chunk (the answer lost).
 */
function memoryHub() {
  const uploads = new Map<string, { total: number; data: Buffer; complete: boolean }>();
  const hub = { uploads, appends: 0, trouble: null as null | 'before' | 'after' | 'down' };
  const unreachable = () => new AppError('HUB_UNREACHABLE', msg('sync.error.unreachable', { url: 'https://hub', cause: 'reset' }));
  const statusOf = (sha256: string) => {
    const u = uploads.get(sha256);
    return { sha256, receivedBytes: u?.data.length ?? 0, totalBytes: u?.total ?? null, complete: u?.complete ?? false, expired: false };
  };
  const link: HubFiles = {
    async status(sha256) {
      if (hub.trouble === 'down') throw unreachable();
      return { status: 200, body: statusOf(sha256) };
    },
    async append(sha256, at, chunk) {
      if (hub.trouble === 'down') throw unreachable();
      if (hub.trouble === 'before') {
        hub.trouble = null;
        throw unreachable();
      }
      hub.appends++;
      const u = uploads.get(sha256) ?? { total: at.total, data: Buffer.alloc(0), complete: false };
      if (u.complete) return { status: 200, body: statusOf(sha256) };
      if (at.offset !== u.data.length) return { status: 409, body: { error: 'offset_mismatch', msg: msg('hub.error.attachmentOffset', { expected: u.data.length }), expected: u.data.length } };
      u.data = Buffer.concat([u.data, chunk]);
      uploads.set(sha256, u);
      if (u.data.length === u.total) {
        if (sha(u.data) !== sha256) {
          uploads.delete(sha256);
          return { status: 422, body: { error: 'hash_mismatch', msg: msg('hub.error.attachmentHash') } };
        }
        u.complete = true;
      }
      if (hub.trouble === 'after') {
        hub.trouble = null;
        throw unreachable();
      }
      return { status: 200, body: statusOf(sha256) };
    },
    download: async () => ({ status: 404, body: null }),
  };
  return { hub, link };
}

function bench() {
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-uploader-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'station.db'));
  dbs.push(db);
  migrate(db, migrations);
  const store = createAttachmentStore(db, dir);
  const uploads = createAttachmentUploadsRepo(db);
  const { hub, link } = memoryHub();
  let now = Date.parse('2026-05-01T00:00:00.000Z');
  const clock = { advance: (ms: number) => (now += ms) };
  const uploader = createAttachmentUploader({ store, uploads, files: () => link, now: () => new Date(now), chunkBytes: 1000 });
  return { db, store, uploads, hub, uploader, clock };
}

describe('the attachment uploader', () => {
  it('sends files in chunks, oldest first, and a chunk whose answer was lost is not sent twice', async () => {
    const b = bench();
    const photo = randomBytes(3500);
    const { sha256 } = b.store.put(photo, 'image/jpeg');
    b.hub.trouble = 'after';
    expect(await b.uploader.run()).toMatchObject({ uploaded: 0, stopped: true });
    expect(b.hub.uploads.get(sha256)?.data.length).toBe(1000);
    expect(b.uploads.stateOf(sha256)).toMatchObject({ state: 'pending', attempts: 1 });
    // Not before its backoff, then from the 1000 bytes the hub holds: three appends, not four.
    expect(await b.uploader.run()).toMatchObject({ uploaded: 0, stopped: false });
    b.clock.advance(2_000);
    const before = b.hub.appends;
    expect(await b.uploader.run()).toMatchObject({ uploaded: 1 });
    expect(b.hub.appends - before).toBe(3);
    expect(b.hub.uploads.get(sha256)?.data.equals(photo)).toBe(true);
    expect(b.uploads.stateOf(sha256)).toMatchObject({ state: 'confirmed', uploadedBytes: 3500, attempts: 0, lastError: null });
  });

  it('waits twice as long after each failure while the hub is away, and goes on once it is back', async () => {
    const b = bench();
    const { sha256 } = b.store.put(randomBytes(100), 'image/png');
    b.hub.trouble = 'down';
    const due = () => b.uploads.due(new Date(Date.parse('2026-05-01T00:00:00.000Z') + elapsed)).length;
    let elapsed = 0;
    for (const wait of [2_000, 4_000, 8_000]) {
      expect(await b.uploader.run()).toMatchObject({ stopped: true });
      expect(due()).toBe(0);
      b.clock.advance(wait);
      elapsed += wait;
      expect(due()).toBe(1);
    }
    expect(JSON.parse(b.uploads.stateOf(sha256)!.lastError!)).toMatchObject({ key: 'sync.error.unreachable' });
    b.hub.trouble = null;
    expect(await b.uploader.run()).toMatchObject({ uploaded: 1 });
  });

  it('a file damaged or gone on this disk says so and is not tried again, until the same bytes are stored again', async () => {
    const b = bench();
    const bytes = randomBytes(2500);
    const damaged = b.store.put(bytes, 'image/jpeg');
    writeFileSync(b.store.open(damaged.sha256)!.path, randomBytes(2500));
    const gone = b.store.put(randomBytes(10), 'image/png');
    unlinkSync(b.store.open(gone.sha256)!.path);
    expect(await b.uploader.run()).toMatchObject({ uploaded: 0, failed: 2 });
    expect(JSON.parse(b.uploads.stateOf(damaged.sha256)!.lastError!)).toMatchObject({ key: 'attachments.upload.localDamaged' });
    expect(JSON.parse(b.uploads.stateOf(gone.sha256)!.lastError!)).toMatchObject({ key: 'attachments.upload.fileGone' });
    b.clock.advance(3_600_000);
    expect(await b.uploader.run()).toMatchObject({ uploaded: 0, failed: 0 });
    expect(b.uploads.pendingCount()).toBe(0);
    // The same bytes put again (a photo taken again, a file restored): owed to the hub afresh.
    b.store.put(bytes, 'image/jpeg');
    expect(b.uploads.stateOf(damaged.sha256)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(await b.uploader.run()).toMatchObject({ uploaded: 1 });
  });

  it('does nothing while the bench is not paired', async () => {
    const b = bench();
    b.store.put(randomBytes(10), 'image/png');
    const alone = createAttachmentUploader({ store: b.store, uploads: b.uploads, files: () => null });
    expect(await alone.run()).toEqual({ uploaded: 0, failed: 0, stopped: false });
    expect(b.hub.appends).toBe(0);
  });
});
