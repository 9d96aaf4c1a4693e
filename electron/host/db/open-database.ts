import Database from 'better-sqlite3';
import { createPrivateFile, tightenFiles } from '../private-files';
import { bulkSliceRan } from '../workers/yield-to-scans';
import { inTurn } from './write-turns';

/** A better-sqlite3 handle opened with the station's durability settings. */
export type Db = Database.Database;

/**
 * Opens (or creates) the station database. WAL keeps readers off the writer's back; synchronous=FULL
 * makes every committed scan survive a power cut, which matters more to us than the fsync it costs.
 * The file holds buyers' names, phones and addresses and the hub token: it and its -wal and -shm
 * files are 0600, also when an older version left them readable by others.
 */
export function openDatabase(file: string): Db {
  createPrivateFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  tightenFiles([`${file}-wal`, `${file}-shm`]);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 64 MB of page cache: an import touches several indexes with scattered keys; the 2 MB default thrashes.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  return db;
}

/** Runs `work` in a BEGIN IMMEDIATE transaction (in its turn while an import writes beside it); it must be synchronous and do no I/O. */
export function inTransaction<T>(db: Db, work: () => T): T {
  return inTurn(db, () => db.transaction(work).immediate());
}

/**
 * A slice of bulk work that can be done again (a slice of an import's orders),
 * committed without its own fsync: synchronous=NORMAL for this one transaction. The WAL keeps
 * commits in order, so a power cut can only lose the last such slices, never a scan committed
 * after them (its synchronous=FULL commit syncs the WAL up to and including them). An fsync per
 * ~1 ms slice would cost an import more than its writes and hold the scan behind each one.
 */
export function inBulkSlice<T>(db: Db, work: () => T): T {
  db.pragma('synchronous = NORMAL');
  try {
    return inTurn(db, () => db.transaction(work).immediate());
  } finally {
    db.pragma('synchronous = FULL');
    bulkSliceRan();
  }
}
