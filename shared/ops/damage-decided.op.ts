import { z } from 'zod';
import { damageDecisions } from '../contract/damage.contract';
import { defineOp } from './define-op';
import { entityId, hubSeq, longText } from './fields';

/** A supervisor's decision on a report; seenHubSeq tells conflicting blind decisions apart. */
export const damageDecidedOp = defineOp({
  type: 'damage.decided',
  version: 1,
  schema: z.strictObject({ id: entityId, reportId: entityId, decision: z.enum(damageDecisions), note: longText(500), seenHubSeq: hubSeq }),
  maxBytes: 2048,
  role: 'supervisor',
  authorisable: true,
  messages: { conflicting: 'flagText.conflictingDecisions' },
});
