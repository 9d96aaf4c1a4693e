import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import type { Db } from './open-database';

/** One forward-only schema step, keyed on PRAGMA user_version. */
export type Migration = { version: number; name: string; up(db: Db): void };

/**
 * Brings the database up to the newest migration, all pending steps in one transaction.
 * A database written by a newer app version is refused instead of being silently misread.
 */
export function migrate(db: Db, migrations: readonly Migration[], target = migrations.at(-1)?.version ?? 0): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list is not contiguous at ${m.name} (version ${m.version})`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new AppError('CONFLICT', msg('db.newerSchema', { current, newest }));
  }
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${target}`);
  }).immediate();
  return target;
}
