import { z } from 'zod';
import { auditKindNames } from '../domain/audit-kinds';
import { beijingDayBounds } from '../domain/datetime';
import { languages } from '../i18n/catalog';
import { messageSchema } from '../i18n/message';
import { procedure } from '../rpc/define';
import { benchRefSchema, isoDateSchema, userRoleSchema } from './common';

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
  /** What it was about (force-verify, bind, settings, damage…), as the kind filter names it; null for none of them. */
  category: z.enum(auditKindNames).nullable(),
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

/** A Beijing calendar day, as a date picker gives it. */
const beijingDaySchema = z.string().refine((day) => beijingDayBounds(day) !== null, { message: 'yyyy-MM-dd, a real day' });

/** Which lines: each criterion left out lets every line through. */
const auditQuery = {
  filter: z.enum(auditFilters).default('all'),
  kind: z.enum(auditKindNames).optional(),
  /** Users (ids) who did it or authorised it: one person may be several users of one name (each bench's 管理员). */
  people: z.array(z.string().min(1).max(64)).min(1).max(50).optional(),
  /** The bench (station id) it was done at. */
  bench: z.string().min(1).max(64).optional(),
  /** Beijing days, both included. */
  from: beijingDaySchema.optional(),
  to: beijingDaySchema.optional(),
  /** Words in what it touched as the line shows it (an order or tracking number, a SKU, a barcode), its details (a reason) or who did or authorised it. */
  text: z.string().max(100).optional(),
};
export type AuditQuery = z.infer<z.ZodObject<typeof auditQuery>>;

/** The most lines one export holds; a wider one is cut to the newest, and says so (total). */
export const AUDIT_EXPORT_MAX = 50_000;

export const auditContract = {
  /** The audit view, newest first: gated actions and authorised changes from every bench (supervisor or admin). */
  'audit.list': procedure(
    z.strictObject({
      ...auditQuery,
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    }),
    z.object({ total: z.number().int(), entries: z.array(auditEntrySchema) }),
  ),
  /** Who and where the filters can name: the users this bench knows and the shop's benches. */
  'audit.facets': procedure(
    z.strictObject({}),
    z.object({
      people: z.array(z.object({ id: z.string(), name: z.string(), role: userRoleSchema, bench: benchRefSchema.nullable(), active: z.boolean() })),
      benches: z.array(z.object({ id: z.string(), name: z.string(), thisBench: z.boolean() })),
    }),
  ),
  /** The filtered list as a CSV file (UTF-8 with BOM for Excel, Beijing times), newest first. */
  'audit.export': procedure(
    z.strictObject({ ...auditQuery, lang: z.enum(languages).optional() }),
    z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int(), total: z.number().int() }),
  ),
} as const;
