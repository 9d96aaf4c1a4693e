import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { AttachmentStatus } from '#shared/contract/hub.contract';
import { ATTACHMENT_CAPS, ATTACHMENT_RETENTION_DAYS_MIN, type AttachmentMime } from '#shared/domain/attachments';
import type { MessageKey } from '#shared/i18n/catalog';
import { msg } from '#shared/i18n/message';
import { HubFailure, invalid } from '../hub-errors';
import type { HubTables } from '../store/hub-schema';
import { ensurePrivateFolder } from '../store/private-files';

const DAY_MS = 86_400_000;
/** A partial upload nobody added to for this long is let go (the station starts again from 0 if it ever comes back). */
const ABANDONED_MS = 30 * DAY_MS;

type Row = HubTables['hub_attachments'];
export type HubFile = { path: string; mime: AttachmentMime; bytes: number };
export type ChunkAt = { sha256: string; offset: number; total: number; mime: AttachmentMime };

const failure = (status: number, error: 'offset_mismatch' | 'hash_mismatch' | 'not_uploaded' | 'expired' | 'unavailable', key: MessageKey, expected?: number) =>
  new HubFailure(status, { error, msg: msg(key, expected === undefined ? {} : { expected }), ...(expected === undefined ? {} : { expected }) });

/**
 * The hub's copy of every attachment the stations send: complete files in `<dataDir>/hub-attachments/`
 * (0600 in a 0700 folder, named by SHA-256), uploads in progress in its `.partial/` folder, one per
 * station and file, so a station lying about a file can never spoil another's upload of it. The
 * row is the truth about how much arrived; a file longer than that (a crash between the write and
 * the row) is cut back before the next chunk. A completed file whose bytes do not hash to its name
 * is discarded and the station told so. Complete files are kept at least `retentionDays` (never
 * under 180: claims and disputes outlive the platforms' 90 days).
 */
export function createHubAttachments(deps: { db: Kysely<HubTables>; dataDir: string | null; now: () => Date; retentionDays?: number; log?: (line: string) => void }) {
  const { db, now } = deps;
  const retentionDays = Math.max(ATTACHMENT_RETENTION_DAYS_MIN, deps.retentionDays ?? ATTACHMENT_RETENTION_DAYS_MIN);
  const dir = deps.dataDir ? join(deps.dataDir, 'hub-attachments') : null;
  const partialDir = dir ? join(dir, '.partial') : null;
  if (dir && partialDir) {
    ensurePrivateFolder(dir);
    ensurePrivateFolder(partialDir);
  }
  const folders = () => {
    // A PostgreSQL hub started without a data folder keeps no files; stations keep theirs and retry.
    if (!dir || !partialDir) throw failure(503, 'unavailable', 'hub.error.attachmentsUnavailable');
    return {
      finalOf: (sha: string) => join(dir, sha),
      // Station ids are the stations' own text: hashed, they are safe in a file name.
      partialOf: (sha: string, stationId: string) => join(partialDir, `${sha}.${createHash('sha256').update(stationId).digest('hex').slice(0, 16)}`),
    };
  };
  // One writer per file at a time, whichever station sends it.
  const locks = new Map<string, Promise<void>>();
  const serialized = <T>(sha256: string, work: () => Promise<T>): Promise<T> => {
    const next = (locks.get(sha256) ?? Promise.resolve()).then(work);
    // The lock settles either way; the caller alone hears of a failure.
    const settled: Promise<void> = next.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      if (locks.get(sha256) === settled) locks.delete(sha256);
    });
    locks.set(sha256, settled);
    return next;
  };

  const completeOf = (rows: Row[]) => rows.find((r) => r.completed_at !== null && r.expired_at === null);
  /**
   * The rows of one file. A row that says complete while its file is gone (a PostgreSQL hub started
   * on another PC without its old data folder, a folder restored from an older copy) is forgotten,
   * so the benches that still hold the file send it again instead of being told it is here.
   */
  async function rowsOf(sha256: string): Promise<Row[]> {
    const rows = await db.selectFrom('hub_attachments').selectAll().where('sha256', '=', sha256).execute();
    const done = completeOf(rows);
    if (!done || (await stat(folders().finalOf(sha256)).then(() => true, () => false))) return rows;
    deps.log?.(`hub: attachment ${sha256.slice(0, 12)}… is recorded complete but its file is missing; the stations will send it again`);
    await db.deleteFrom('hub_attachments').where('sha256', '=', sha256).where('station_id', '=', done.station_id).execute();
    return rows.filter((r) => r !== done);
  }
  function statusOf(sha256: string, stationId: string, rows: Row[]): AttachmentStatus {
    const done = completeOf(rows);
    if (done) return { sha256, receivedBytes: Number(done.bytes), totalBytes: Number(done.bytes), complete: true, expired: false };
    const own = rows.find((r) => r.station_id === stationId && r.completed_at === null);
    return {
      sha256, receivedBytes: own ? Number(own.received_bytes) : 0, totalBytes: own ? Number(own.bytes) : null, complete: false,
      expired: rows.some((r) => r.expired_at !== null),
    };
  }

  async function append(stationId: string, at: ChunkAt, chunk: Uint8Array): Promise<AttachmentStatus> {
    const { finalOf, partialOf } = folders();
    if (at.total > ATTACHMENT_CAPS[at.mime]) throw invalid(msg('hub.error.attachmentTooLarge', { max: Math.floor(ATTACHMENT_CAPS[at.mime] / 1024 / 1024), mime: at.mime }));
    if (chunk.byteLength === 0 && at.total > 0) throw invalid(msg('hub.error.chunkEmpty'));
    if (at.offset + chunk.byteLength > at.total) throw invalid(msg('hub.error.chunkBeyondTotal', { total: at.total }));
    const rows = await rowsOf(at.sha256);
    // Already here: nothing to write, whatever this station declared (the bytes are the name).
    if (completeOf(rows)) return statusOf(at.sha256, stationId, rows);
    const partial = partialOf(at.sha256, stationId);
    const time = now().toISOString();
    let own = rows.find((r) => r.station_id === stationId);
    // No upload of this station's yet, or one declared otherwise (or let go after retention): it begins at 0.
    if (!own || own.completed_at !== null || own.mime !== at.mime || Number(own.bytes) !== at.total) {
      if (at.offset !== 0) throw failure(409, 'offset_mismatch', 'hub.error.attachmentOffset', 0);
      own = { sha256: at.sha256, station_id: stationId, mime: at.mime, bytes: at.total, received_bytes: 0, created_at: time, updated_at: time, completed_at: null, expired_at: null };
      await unlink(partial).catch(() => {});
      await db.insertInto('hub_attachments').values(own).onConflict((oc) => oc.columns(['sha256', 'station_id']).doUpdateSet(own!)).execute();
    }
    const setOwn = (values: Partial<Row>) =>
      db.updateTable('hub_attachments').set(values).where('sha256', '=', at.sha256).where('station_id', '=', stationId).execute();
    let received = Number(own.received_bytes);
    const onDisk = await stat(partial).then((s) => s.size, () => 0);
    // Fewer bytes on disk than the row says (the disk lost a write): the row follows the disk.
    if (onDisk < received) {
      received = onDisk;
      await setOwn({ received_bytes: received });
    }
    if (at.offset !== received) throw failure(409, 'offset_mismatch', 'hub.error.attachmentOffset', received);
    const handle = await open(partial, onDisk === 0 ? 'w' : 'r+', 0o600);
    try {
      // Bytes past the row's count were written by a request that never got recorded: they go.
      await handle.truncate(received);
      for (let done = 0; done < chunk.byteLength; ) done += (await handle.write(chunk, done, chunk.byteLength - done, received + done)).bytesWritten;
      await handle.sync();
    } finally {
      await handle.close();
    }
    received += chunk.byteLength;
    if (received < at.total) {
      await setOwn({ received_bytes: received, updated_at: time });
      return statusOf(at.sha256, stationId, [{ ...own, received_bytes: received }]);
    }
    if ((await hashOf(partial)) !== at.sha256) {
      await unlink(partial).catch(() => {});
      await db.deleteFrom('hub_attachments').where('sha256', '=', at.sha256).where('station_id', '=', stationId).execute();
      deps.log?.(`hub: attachment ${at.sha256.slice(0, 12)}… from station ${stationId} did not hash to its name; discarded`);
      throw failure(422, 'hash_mismatch', 'hub.error.attachmentHash');
    }
    await rename(partial, finalOf(at.sha256));
    const done = { received_bytes: received, updated_at: time, completed_at: time, expired_at: null };
    await setOwn(done);
    // Other stations' uploads of the same bytes are no longer needed: they are told complete next time.
    for (const other of rows.filter((r) => r.station_id !== stationId && r.completed_at === null)) {
      await unlink(partialOf(at.sha256, other.station_id)).catch(() => {});
      await db.deleteFrom('hub_attachments').where('sha256', '=', at.sha256).where('station_id', '=', other.station_id).execute();
    }
    return statusOf(at.sha256, stationId, [{ ...own, ...done }]);
  }

  return {
    retentionDays,
    status: async (sha256: string, stationId = '') => statusOf(sha256, stationId, await rowsOf(sha256)),
    append: (stationId: string, at: ChunkAt, chunk: Uint8Array) => serialized(at.sha256, () => append(stationId, at, chunk)),
    /** A complete file to send, or why not (404 not yet uploaded, 410 past retention). */
    async open(sha256: string): Promise<HubFile> {
      const { finalOf } = folders();
      const rows = await rowsOf(sha256);
      const done = completeOf(rows);
      if (!done && rows.some((r) => r.expired_at !== null)) throw failure(410, 'expired', 'hub.error.attachmentExpired');
      const size = done ? await stat(finalOf(sha256)).then((s) => s.size, () => null) : null;
      if (!done || size === null) throw failure(404, 'not_uploaded', 'hub.error.attachmentNotUploaded');
      return { path: finalOf(sha256), mime: done.mime as AttachmentMime, bytes: size };
    },
    /** Lets go of files completed longer ago than the retention, and of uploads abandoned for a month. */
    async sweep(): Promise<{ expired: number; abandoned: number }> {
      if (!dir || !partialDir) return { expired: 0, abandoned: 0 };
      const { finalOf, partialOf } = folders();
      const at = now();
      const cutoff = new Date(at.getTime() - retentionDays * DAY_MS).toISOString();
      const old = await db.selectFrom('hub_attachments').select('sha256').where('completed_at', '<', cutoff).where('expired_at', 'is', null).execute();
      for (const { sha256 } of old) {
        await serialized(sha256, async () => {
          await db.updateTable('hub_attachments').set({ expired_at: at.toISOString() }).where('sha256', '=', sha256).where('completed_at', 'is not', null).execute();
          await unlink(finalOf(sha256)).catch(() => {});
        });
      }
      const stale = new Date(at.getTime() - ABANDONED_MS).toISOString();
      const abandoned = await db.selectFrom('hub_attachments').select(['sha256', 'station_id']).where('completed_at', 'is', null).where('updated_at', '<', stale).execute();
      for (const { sha256, station_id: stationId } of abandoned) {
        await serialized(sha256, async () => {
          await db.deleteFrom('hub_attachments').where('sha256', '=', sha256).where('station_id', '=', stationId).where('completed_at', 'is', null).execute();
          await unlink(partialOf(sha256, stationId)).catch(() => {});
        });
      }
      return { expired: old.length, abandoned: abandoned.length };
    },
  };
}
export type HubAttachments = ReturnType<typeof createHubAttachments>;

async function hashOf(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
