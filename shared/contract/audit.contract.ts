import { z } from 'zod';
import { messageSchema } from '../i18n/message';
import { procedure } from '../rpc/define';
import { benchRefSchema, isoDateSchema } from './common';

/** A user by name; a bench's factory administrator (every bench has one, all of one name) with its bench. */
export const auditPersonSchema = z.object({ name: z.string(), bench: benchRefSchema.nullable() });
export type AuditPerson = z.infer<typeof auditPersonSchema>;

/**
 * One line of the audit view. `action`: a permission-gated action done at a bench (who did it and
 * who authorised it). `op`: a change to the shop's data that rests on a supervisor's or admin's
 * authority; the ops one import or batch recorded at once are one line with their `count`.
 */
export const auditEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(['action', 'op']),
  at: isoDateSchema,
  /** Where it was done; null for an entry older than benches named in the audit log. */
  bench: benchRefSchema.nullable(),
  what: messageSchema,
  /** The order, tracking number, SKU or barcode it touched ('' when it touched no one record). */
  target: z.string(),
  count: z.number().int().positive(),
  /** A detail worth reading beside it (the reason given for a void), or null. */
  note: messageSchema.nullable(),
  /** Who did it (null: nobody was logged in, or an op, which names only its authority). */
  user: auditPersonSchema.nullable(),
  authorizedBy: auditPersonSchema.nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditFilters = ['all', 'authorized'] as const;
export type AuditFilter = (typeof auditFilters)[number];

export const auditContract = {
  /** The audit view, newest first: gated actions and authorised changes from every bench (supervisor or admin). */
  'audit.list': procedure(
    z.strictObject({
      filter: z.enum(auditFilters).default('all'),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    }),
    z.object({ total: z.number().int(), entries: z.array(auditEntrySchema) }),
  ),
} as const;
