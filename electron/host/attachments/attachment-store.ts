import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ATTACHMENT_CAPS, isAttachmentMime, isSha256, type AttachmentMime } from '#shared/domain/attachments';
import type { Db } from '../db/open-database';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files';

export { ATTACHMENT_CAPS, ATTACHMENT_MIMES, isAttachmentMime, isSha256, type AttachmentMime } from '#shared/domain/attachments';

export type StoredAttachment = { sha256: string; bytes: number };
export type OpenAttachment = StoredAttachment & { path: string; mime: AttachmentMime };

export class AttachmentTooLarge extends Error {
  constructor(readonly cap: number) {
    super(`attachment larger than ${cap} bytes`);
  }
}

/** Bytes fetched under one name hashed to another: nothing was kept. */
export class AttachmentHashMismatch extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(`attachment ${expected.slice(0, 12)}… arrived as ${actual.slice(0, 12)}…`);
  }
}

/** Where a stored file came from: made at this bench (the hub needs it), or fetched from the hub (it has it). */
type Origin = 'here' | 'hub';

/**
 * Content-addressed files in `<dataDir>/attachments/`, named by their SHA-256: the same bytes are
 * kept once however often they are put, and a name can never point at other bytes. Files are
 * 0600 in a 0700 folder (a pack video shows the buyer's address label). A write goes to a
 * temporary name first and is renamed when complete, so a crash never leaves half a file under
 * a real name. Every file also gets its upload row (attachment_uploads): made here, the hub is
 * still owed it; fetched from the hub, it is confirmed there already.
 */
export function createAttachmentStore(db: Db, dataDir: string) {
  const dir = join(dataDir, 'attachments');
  ensurePrivateDir(dir);
  const q = {
    insert: db.prepare('INSERT INTO attachments (sha256, mime, bytes, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING'),
    // Bytes back on disk are no longer evicted; what the hub confirmed stays confirmed, and a file
    // that had failed (damaged or gone) is owed to the hub afresh.
    track: db.prepare(`INSERT INTO attachment_uploads (sha256, made_here, state, confirmed_at) VALUES (@sha256, @madeHere, @state, @confirmedAt)
      ON CONFLICT (sha256) DO UPDATE SET evicted_at = NULL,
        state = CASE WHEN state = 'confirmed' OR excluded.state = 'confirmed' THEN 'confirmed' ELSE 'pending' END,
        confirmed_at = coalesce(confirmed_at, excluded.confirmed_at),
        attempts = CASE WHEN state = 'failed' THEN 0 ELSE attempts END,
        last_error = CASE WHEN state = 'failed' THEN NULL ELSE last_error END`),
    evicted: db.prepare("UPDATE attachment_uploads SET evicted_at = ? WHERE sha256 = ? AND state = 'confirmed' AND evicted_at IS NULL"),
    row: db.prepare('SELECT mime, bytes FROM attachments WHERE sha256 = ?'),
    state: db.prepare('SELECT state FROM attachment_uploads WHERE sha256 = ?').pluck(),
    remove: db.prepare('DELETE FROM attachments WHERE sha256 = ?'),
    total: db.prepare('SELECT coalesce(sum(bytes), 0) FROM attachments').pluck(),
  };
  const fileOf = (sha256: string) => join(dir, sha256);
  const listeners = new Set<(stored: StoredAttachment) => void>();
  const record = db.transaction((sha256: string, mime: string, size: number, origin: Origin) => {
    const at = new Date().toISOString();
    q.insert.run(sha256, mime, size, at);
    q.track.run({ sha256, madeHere: origin === 'here' ? 1 : 0, state: origin === 'here' ? 'pending' : 'confirmed', confirmedAt: origin === 'hub' ? at : null });
  });

  /** A writer that hashes as it goes and refuses past the cap; `commit` names the file by its hash. */
  function writer(mime: string, origin: Origin = 'here', expected?: string) {
    if (!isAttachmentMime(mime)) throw new TypeError(`attachment type not accepted: ${mime.slice(0, 40)}`);
    const cap = ATTACHMENT_CAPS[mime];
    const temp = join(dir, `.incoming-${randomBytes(8).toString('hex')}`);
    const fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
    const hash = createHash('sha256');
    let size = 0;
    let open = true;
    const discard = () => {
      if (open) closeSync(fd);
      open = false;
      if (existsSync(temp)) unlinkSync(temp);
    };
    return {
      write(chunk: Uint8Array) {
        size += chunk.byteLength;
        if (size > cap) {
          discard();
          throw new AttachmentTooLarge(cap);
        }
        hash.update(chunk);
        for (let done = 0; done < chunk.byteLength; ) done += writeSync(fd, chunk, done);
      },
      commit(): StoredAttachment {
        fsyncSync(fd);
        closeSync(fd);
        open = false;
        const sha256 = hash.digest('hex');
        if (expected !== undefined && sha256 !== expected) {
          discard();
          throw new AttachmentHashMismatch(expected, sha256);
        }
        // Same bytes already kept: the new copy is dropped, the row stays as it was. A file found
        // damaged (its upload failed) is replaced by these bytes, which hashed to the name.
        if (existsSync(fileOf(sha256)) && q.state.get(sha256) !== 'failed') unlinkSync(temp);
        else renameSync(temp, fileOf(sha256));
        record(sha256, mime, size, origin);
        const stored = { sha256, bytes: size };
        for (const listener of listeners) listener(stored);
        return stored;
      },
      discard,
    };
  }

  return {
    dir,
    put(bytes: Uint8Array, mime: string): StoredAttachment {
      const w = writer(mime);
      try {
        w.write(bytes);
        return w.commit();
      } catch (error) {
        w.discard();
        throw error;
      }
    },
    /** Streams a body in, never holding it whole in memory; the cap is checked chunk by chunk. */
    putStream: (source: AsyncIterable<Uint8Array>, mime: string) => streamIn(source, writer(mime)),
    /**
     * A copy fetched from the hub under the name `sha256`: kept only when the bytes hash to that
     * name (else AttachmentHashMismatch and nothing is kept), and marked as the hub's already.
     */
    putFetched: (source: AsyncIterable<Uint8Array>, mime: string, sha256: string) => streamIn(source, writer(mime, 'hub', sha256)),
    /** Called after every file stored (the disk budget is looked at again). */
    onStored(listener: (stored: StoredAttachment) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    open(sha256: string): OpenAttachment | null {
      if (!isSha256(sha256)) return null;
      const row = q.row.get(sha256) as { mime: AttachmentMime; bytes: number } | undefined;
      if (!row) return null;
      const path = fileOf(sha256);
      try {
        return { sha256, path, mime: row.mime, bytes: statSync(path).size };
      } catch {
        return null;
      }
    },
    /** Forgets the row and deletes the file; the caller has checked that nothing links to it. */
    remove(sha256: string): void {
      if (!isSha256(sha256)) return;
      q.remove.run(sha256);
      try {
        unlinkSync(fileOf(sha256));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
    /**
     * Lets the local copy go (the disk budget): only a file the hub has confirmed, so it can come
     * back on demand. The row stays: what the file is, and that the hub has it. False when not allowed.
     */
    evict(sha256: string): boolean {
      if (!isSha256(sha256) || q.evicted.run(new Date().toISOString(), sha256).changes === 0) return false;
      try {
        unlinkSync(fileOf(sha256));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      return true;
    },
    totalBytes: () => q.total.get() as number,
  };
}

async function streamIn(source: AsyncIterable<Uint8Array>, w: { write(chunk: Uint8Array): void; commit(): StoredAttachment; discard(): void }): Promise<StoredAttachment> {
  try {
    for await (const chunk of source) w.write(chunk);
    return w.commit();
  } catch (error) {
    w.discard();
    throw error;
  }
}
export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
