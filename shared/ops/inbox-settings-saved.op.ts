import { z } from 'zod';
import { defineOp } from './define-op';
import { hubSeq, int } from './fields';

/** A time of day on the shop's clock (Beijing), HH:mm. */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'opProblem.format');

/**
 * The shop's inbox thresholds, so every bench lists the same rows: an open order is at risk within
 * this many hours of its deadline; a carrier runs low below this many numbers; the courier picks up at
 * this time of day (what must leave before it is the late-shipping guard's list); a handed-over
 * parcel with no pickup scan after so many hours, or no tracking event for so many, is an exception.
 * The last save the hub orders stands at every bench; seenHubSeq (how far the saving bench had pulled)
 * tells a save that overwrote another bench's change unseen, which the hub flags.
 */
export const inboxSettingsSavedOp = defineOp({
  type: 'inbox.settings-saved',
  version: 3,
  schema: z.strictObject({
    deadlineRiskHours: int(1, 168), poolLowFree: int(0, 1_000_000), pickupTime: clock, noPickupHours: int(1, 168), stalledHours: int(1, 720),
    seenHubSeq: hubSeq,
  }),
  upcasters: {
    // v1 had only the first two; the others take the defaults every shop had until then.
    1: (p) => ({ pickupTime: '16:00', noPickupHours: 24, stalledHours: 48, ...p }),
    // A v2 save did not say what its bench had seen: taken as having seen everything (never flagged), as before.
    2: (p) => ({ ...p, seenHubSeq: Number.MAX_SAFE_INTEGER }),
  },
  maxBytes: 512,
  role: 'supervisor',
  authorisable: true,
  messages: { concurrent: 'flagText.settingsConcurrent' },
  entityOf: () => 'inbox-settings',
});
