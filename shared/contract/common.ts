import { z } from 'zod';
import { messageSchema } from '../i18n/message';

/** UTC ISO-8601 timestamp string. */
export const isoDateSchema = z.string().min(10);
/** Money in integer fen (1 元 = 100 fen); never a float. */
export const fenSchema = z.number().int();
export const gramsSchema = z.number().int().nonnegative();
export const barcodeSchema = z.string().trim().min(1).max(128);
export const userRoleSchema = z.enum(['packer', 'supervisor', 'admin']);
export type UserRole = z.infer<typeof userRoleSchema>;

/** A bench of the shop by its name; `thisBench`: the one the reader sits at (shown as such, whatever its name). */
export const benchRefSchema = z.object({ name: z.string(), thisBench: z.boolean() });
export type BenchRef = z.infer<typeof benchRefSchema>;

/** A person's or bench's name for the reader: as typed, or the catalog message of a name Packdesk gave (shared/domain/factory-names.ts). */
export const nameSaidSchema = z.union([z.string().max(400), messageSchema]);

/**
 * A problem found while reading a file, where a person can find it: the file (and sheet), the
 * 1-based spreadsheet row and the column as the file spells its header (a letter where it has
 * none). The same problem in many rows of one column is one entry with `repeats`.
 */
export const rowErrorSchema = z.object({
  file: z.string().max(260),
  sheet: z.string().max(100).optional(),
  row: z.number().int().nonnegative(),
  column: z.string().max(200).optional(),
  msg: messageSchema,
  /** How many rows have this problem in this column, and the first few of them. */
  repeats: z.object({ count: z.number().int().min(2), rows: z.array(z.number().int().nonnegative()).max(5) }).optional(),
});
export type RowError = z.infer<typeof rowErrorSchema>;

/** A file handed across the boundary: bytes are base64 so the wire stays plain JSON. */
export const fileInputSchema = z.object({
  name: z.string().min(1).max(260),
  base64: z.string().max(200 * 1024 * 1024),
});
export type FileInput = z.infer<typeof fileInputSchema>;
