import { z } from 'zod';
import { defineOp } from './define-op';
import { int } from './fields';

/**
 * The shop's inbox thresholds, so every bench lists the same rows: an open order is at risk within
 * this many hours of its deadline; a carrier runs low below this many numbers. The last save the
 * hub orders stands at every bench.
 */
export const inboxSettingsSavedOp = defineOp({
  type: 'inbox.settings-saved',
  version: 1,
  schema: z.strictObject({ deadlineRiskHours: int(1, 168), poolLowFree: int(0, 1_000_000) }),
  maxBytes: 512,
  role: 'supervisor',
  authorisable: true,
  entityOf: () => 'inbox-settings',
});
