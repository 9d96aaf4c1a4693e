import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beijingStamp } from '#shared/domain/datetime';
import type { Hub } from '../create-hub';
import { ensurePrivateFolder, tightenIn, writePrivateFile } from '../store/private-files';

const KEEP = 48;

const BACKUP_NAME = /^hub-.*\.json$/;

/**
 * Backups on a schedule (DESIGN §13): a full dump every `everyMinutes` into `dir`, written to a
 * temporary file and renamed, so a crash mid-write never leaves a torn backup; the newest 48 kept.
 * A backup is the whole shop: the folder is 0700 and every backup 0600, older ones included.
 */
export function scheduleBackups(hub: Hub, dir: string, everyMinutes: number, log: (line: string) => void): () => void {
  ensurePrivateFolder(dir);
  tightenIn(dir, (name) => BACKUP_NAME.test(name));
  const take = async () => {
    try {
      const dump = await hub.backup();
      // Named on the shop's clock (Beijing), like every file a person finds in a folder.
      const stamp = beijingStamp(dump.takenAt, { seconds: true });
      const name = `hub-${stamp.slice(0, 8)}-${stamp.slice(8)}.json`;
      writePrivateFile(join(dir, name), JSON.stringify(dump));
      const old = readdirSync(dir).filter((f) => BACKUP_NAME.test(f)).sort().slice(0, -KEEP);
      for (const f of old) rmSync(join(dir, f), { force: true });
    } catch (error) {
      log(`hub: scheduled backup failed: ${(error as Error).message}`);
    }
  };
  const timer = setInterval(() => void take(), everyMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
