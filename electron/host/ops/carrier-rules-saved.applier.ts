import type { ApplierDeps } from './applier-deps';
import type { Applier } from './applier';

/** The shop's carrier rules: this bench's own newer save stands until the hub orders both. */
export function carrierRulesSavedApplier({ settings, newerOwnWrite }: ApplierDeps): Applier<'carrier.rules-saved'> {
  return {
    apply({ seenHubSeq: _seen, ...rules }, m) {
      if (!m.own && newerOwnWrite('carrier-rules', m.hubSeq)) return;
      settings.set('carrierRules', rules);
    },
  };
}
