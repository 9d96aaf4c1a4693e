import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The hub's log holds every bench's orders (buyers' names, phones, addresses) and the stations'
// credentials: readable by the user running the hub only. Windows has no such modes (the profile
// folder's ACL does that job there).
const POSIX = process.platform !== 'win32';

/** Creates `dir` as 0700, and tightens it when it already existed looser. */
export function ensurePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) chmodSync(dir, 0o700);
}

/** Tightens to 0600 the files directly in `dir` whose names `which` accepts. */
export function tightenIn(dir: string, which: (name: string) => boolean): void {
  if (!POSIX) return;
  for (const name of readdirSync(dir).filter(which)) chmodSync(join(dir, name), 0o600);
}

/**
 * `dir/name` ready for SQLite: the folder 0700, the file created empty as 0600 when missing (SQLite
 * gives its -wal and -shm files the database file's mode), and all three tightened when an older
 * version left them readable by others.
 */
export function privateDatabaseFile(dir: string, name: string): string {
  ensurePrivateFolder(dir);
  const file = join(dir, name);
  closeSync(openSync(file, 'a', 0o600));
  tightenIn(dir, (entry) => entry === name || entry === `${name}-wal` || entry === `${name}-shm`);
  return file;
}

/**
 * Writes `data` to `file` as 0600 through a temporary file and a rename: a crash never leaves a torn
 * file, and an older file with a looser mode is replaced, not rewritten in place.
 */
export function writePrivateFile(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  if (POSIX) chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
