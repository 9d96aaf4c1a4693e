import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';

// Buyer names, phones and addresses, the hub token: readable by the user running Packdesk only.
// Windows has no such modes (the profile folder's ACL does that job there).
const POSIX = process.platform !== 'win32';
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) as 0700, and tightens it when it already existed looser. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Tightens each file that exists to 0600; missing ones are skipped. */
export function tightenFiles(files: readonly string[]): void {
  if (!POSIX) return;
  for (const file of files) {
    try {
      chmodSync(file, PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/**
 * Creates `file` empty as 0600 unless it exists, then tightens it: whatever opens it next (SQLite,
 * which also gives its -wal and -shm files the database file's mode) never makes it world-readable.
 */
export function createPrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  tightenFiles([file]);
}
