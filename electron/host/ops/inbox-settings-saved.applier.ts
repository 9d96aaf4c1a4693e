import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** The shop's inbox thresholds: this bench's own newer save stands until the hub orders both. */
export function inboxSettingsSavedApplier({ settings, newerOwnWrite }: ApplierDeps): Applier<'inbox.settings-saved'> {
  return {
    apply({ seenHubSeq: _seen, ...thresholds }, m) {
      if (!m.own && newerOwnWrite('inbox-settings', m.hubSeq)) return;
      settings.set('inbox', thresholds);
    },
  };
}
