import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, requiredLong } from './fields';

/** A supervisor closes a flag with what was done about it; the first resolution the hub orders stands. */
export const flagResolvedOp = defineOp({
  type: 'flag.resolved',
  version: 1,
  schema: z.strictObject({ flagId: entityId, resolution: requiredLong(500) }),
  maxBytes: 2048,
  role: 'supervisor',
  authorisable: true,
  messages: { unknownFlag: 'opRefusal.unknownFlag' },
  entityOf: (p) => `flag:${p.flagId}`,
});
