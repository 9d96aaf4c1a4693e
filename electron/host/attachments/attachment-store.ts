import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open-database';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files';

/** What the store accepts: pack videos and pictures. Anything else is refused before a byte is kept. */
export const ATTACHMENT_MIMES = ['video/webm', 'image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];
export const isAttachmentMime = (mime: string): mime is AttachmentMime => (ATTACHMENT_MIMES as readonly string[]).includes(mime);

/** Per kind: a pack clip of a long order is tens of MB; a SKU picture a few hundred KB. */
export const ATTACHMENT_CAPS: Record<AttachmentMime, number> = {
  'video/webm': 512 * 1024 * 1024,
  'image/png': 8 * 1024 * 1024,
  'image/jpeg': 8 * 1024 * 1024,
  'image/webp': 8 * 1024 * 1024,
  'image/gif': 8 * 1024 * 1024,
};

const SHA256 = /^[0-9a-f]{64}$/;
export const isSha256 = (value: string) => SHA256.test(value);

export type StoredAttachment = { sha256: string; bytes: number };
export type OpenAttachment = StoredAttachment & { path: string; mime: AttachmentMime };

export class AttachmentTooLarge extends Error {
  constructor(readonly cap: number) {
    super(`attachment larger than ${cap} bytes`);
  }
}

/**
 * Content-addressed files in `<dataDir>/attachments/`, named by their SHA-256: the same bytes are
 * kept once however often they are put, and a name can never point at other bytes. Files are
 * 0600 in a 0700 folder (a pack video shows the buyer's address label). A write goes to a
 * temporary name first and is renamed when complete, so a crash never leaves half a file under
 * a real name.
 */
export function createAttachmentStore(db: Db, dataDir: string) {
  const dir = join(dataDir, 'attachments');
  ensurePrivateDir(dir);
  const q = {
    insert: db.prepare('INSERT INTO attachments (sha256, mime, bytes, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING'),
    row: db.prepare('SELECT mime, bytes FROM attachments WHERE sha256 = ?'),
    remove: db.prepare('DELETE FROM attachments WHERE sha256 = ?'),
    total: db.prepare('SELECT coalesce(sum(bytes), 0) FROM attachments').pluck(),
  };
  const fileOf = (sha256: string) => join(dir, sha256);

  /** A writer that hashes as it goes and refuses past the cap; `commit` names the file by its hash. */
  function writer(mime: string) {
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
        // Same bytes already kept: the new copy is dropped, the row stays as it was.
        if (existsSync(fileOf(sha256))) unlinkSync(temp);
        else renameSync(temp, fileOf(sha256));
        q.insert.run(sha256, mime, size, new Date().toISOString());
        return { sha256, bytes: size };
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
    async putStream(source: AsyncIterable<Uint8Array>, mime: string): Promise<StoredAttachment> {
      const w = writer(mime);
      try {
        for await (const chunk of source) w.write(chunk);
        return w.commit();
      } catch (error) {
        w.discard();
        throw error;
      }
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
    totalBytes: () => q.total.get() as number,
  };
}
export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
