import { z } from 'zod';
import { userRoleSchema } from '../contract/common';
import { defineOp } from './define-op';
import { entityId, hubSeq, required, sha256Hex, text } from './fields';

/**
 * A user of the shop, created or changed at any bench: every bench can log them in, offline too.
 * The PIN travels as its salted scrypt hash, the badge as an unsalted scrypt hash (so benches can
 * look a badge up and the hub can spot one given to two people); neither ever in clear.
 */
export const userSavedOp = defineOp({
  type: 'user.saved',
  version: 2,
  schema: z.strictObject({
    id: entityId, name: required(40), role: userRoleSchema,
    pinHash: text(200).regex(/^scrypt\$[A-Za-z0-9+/=]{1,64}\$[A-Za-z0-9+/=]{1,128}$/).nullable(),
    badgeHash: sha256Hex.nullable(), active: z.boolean(),
    /** Set for a bench's factory administrator: which bench it belongs to (its name shows it). */
    benchOf: entityId.nullable(),
    /** How far the saving bench had pulled: a save that overwrote another bench's change of the user unseen is flagged. */
    seenHubSeq: hubSeq,
  }),
  // A v1 save did not say what its bench had seen: taken as having seen everything (never flagged), as before.
  upcasters: { 1: (p) => ({ ...p, seenHubSeq: Number.MAX_SAFE_INTEGER }) },
  maxBytes: 2048,
  role: 'admin',
  authorisable: true,
  messages: { badgeClash: 'flagText.badgeClash', concurrent: 'flagText.userConcurrent' },
  entityOf: (p) => `user:${p.id}`,
});
