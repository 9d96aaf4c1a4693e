import { defaultSettings, settingsSchema, type Settings } from '#shared/contract/settings.contract';
import { z } from 'zod';
import type { SettingsRepo } from './settings.repo';

// Stored by any earlier version: whatever it holds is laid over today's defaults, field by field.
const storedSettings = z.unknown().transform((stored): Settings => {
  const merged = { ...defaultSettings, ...(typeof stored === 'object' && stored !== null ? stored : {}) };
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : defaultSettings;
});

/** Station settings: one validated JSON document, cached because the scan path reads it. */
export function createSettingsService(repo: SettingsRepo) {
  let cached: Settings | null = null;
  return {
    get(): Settings {
      cached ??= repo.get('station', storedSettings);
      return cached;
    },
    /** Changes only the fields named in the patch. */
    update(patch: Partial<Settings>): Settings {
      const next = settingsSchema.parse({ ...this.get(), ...patch });
      repo.set('station', next);
      cached = next;
      return next;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
