import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hub } from '../create-hub';

const KEEP = 48;

/**
 * Backups on a schedule (DESIGN §13): a full dump every `everyMinutes` into `dir`, written to a
 * temporary file and renamed, so a crash mid-write never leaves a torn backup; the newest 48 kept.
 */
export function scheduleBackups(hub: Hub, dir: string, everyMinutes: number, log: (line: string) => void): () => void {
  mkdirSync(dir, { recursive: true });
  const take = async () => {
    try {
      const dump = await hub.backup();
      const name = `hub-${dump.takenAt.replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}.json`;
      writeFileSync(join(dir, `${name}.tmp`), JSON.stringify(dump));
      renameSync(join(dir, `${name}.tmp`), join(dir, name));
      const old = readdirSync(dir).filter((f) => /^hub-.*\.json$/.test(f)).sort().slice(0, -KEEP);
      for (const f of old) rmSync(join(dir, f), { force: true });
    } catch (error) {
      log(`hub: scheduled backup failed: ${(error as Error).message}`);
    }
  };
  const timer = setInterval(() => void take(), everyMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
