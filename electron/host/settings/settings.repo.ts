import type { z } from 'zod';
import type { Db } from '../db/open-database';

/** Typed JSON values in the settings table, each validated by its schema on read. */
export function createSettingsRepo(db: Db) {
  const read = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare(
    'INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    get<S extends z.ZodType>(key: string, schema: S): z.output<S> {
      const raw = read.get(key) as string | undefined;
      const parsed = schema.safeParse(raw === undefined ? undefined : JSON.parse(raw));
      // A value written by an older version that no longer parses falls back to the defaults.
      return parsed.success ? parsed.data : schema.parse(undefined);
    },
    set(key: string, value: unknown): void {
      write.run({ key, value: JSON.stringify(value) });
    },
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
