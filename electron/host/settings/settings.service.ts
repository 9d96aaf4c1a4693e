import { settingsSchema, type Settings } from '#shared/contract/settings.contract';
import type { SettingsRepo } from './settings.repo';

const stationSettings = settingsSchema.default(settingsSchema.parse({}));

/** Station settings: one validated JSON document, cached because the scan path reads it. */
export function createSettingsService(repo: SettingsRepo) {
  let cached: Settings | null = null;
  return {
    get(): Settings {
      cached ??= repo.get('station', stationSettings);
      return cached;
    },
    update(patch: Partial<Settings>): Settings {
      const next = settingsSchema.parse({ ...this.get(), ...patch });
      repo.set('station', next);
      cached = next;
      return next;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
