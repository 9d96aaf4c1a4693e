import { z } from 'zod';

/** UTC ISO-8601 timestamp string. */
export const isoDateSchema = z.string().min(10);
/** Money in integer fen (1 元 = 100 fen); never a float. */
export const fenSchema = z.number().int();
export const gramsSchema = z.number().int().nonnegative();
export const barcodeSchema = z.string().trim().min(1).max(128);
export const userRoleSchema = z.enum(['packer', 'supervisor', 'admin']);
export type UserRole = z.infer<typeof userRoleSchema>;

/** Per-row problem found while reading a file: names the file, the 1-based row and the column. */
export const rowErrorSchema = z.object({
  file: z.string(),
  row: z.number().int(),
  column: z.string().optional(),
  message: z.string(),
});
export type RowError = z.infer<typeof rowErrorSchema>;

/** A file handed across the boundary: bytes are base64 so the wire stays plain JSON. */
export const fileInputSchema = z.object({
  name: z.string().min(1).max(260),
  base64: z.string().max(200 * 1024 * 1024),
});
export type FileInput = z.infer<typeof fileInputSchema>;
