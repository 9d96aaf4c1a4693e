import { z } from 'zod';
import { procedure } from '../rpc/define';

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** The scans a clip can list: an order of a few hundred units is already a long one. */
export const MAX_MARKS = 500;

/** A scan inside a clip, at its offset into the video: the player seeks there. */
export const clipScanMarkSchema = z.object({
  offsetMs: z.number().int(),
  code: z.string().max(200),
  outcome: z.string().max(40),
  skuCode: z.string().max(64).nullable(),
});
export type ClipScanMark = z.infer<typeof clipScanMarkSchema>;

export const packClipSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  sha256: sha256Schema,
  bytes: z.number().int().nonnegative(),
  startedAt: z.string(),
  endedAt: z.string(),
  durationMs: z.number().int().nonnegative(),
  /** Scans of the order that fell inside the clip. */
  scans: z.number().int().nonnegative(),
  /** Those scans, in the clip's time (at most MAX_MARKS, the first ones). */
  marks: z.array(clipScanMarkSchema).max(MAX_MARKS),
});
export type PackClip = z.infer<typeof packClipSchema>;

export const clipUsageSchema = z.object({
  usedBytes: z.number().nonnegative(),
  budgetBytes: z.number().nonnegative(),
  /** At 90 % of the budget the bench warns: the oldest clips are about to go. */
  nearlyFull: z.boolean(),
});
export type ClipUsage = z.infer<typeof clipUsageSchema>;

/** The query of an upload `POST /attachments/clips?…`: what the clip shows. */
export const clipUploadQuerySchema = z.strictObject({
  order: z.string().min(1).max(120),
  started: z.iso.datetime(),
  ended: z.iso.datetime(),
  duration: z.coerce.number().int().min(0).max(24 * 3600 * 1000),
});

/** A SKU picture chosen as a file: small enough to travel in one RPC (6 MB as base64). */
export const skuImageInputSchema = z.object({
  skuCode: z.string().min(1).max(64),
  mime: z.enum(['image/png', 'image/jpeg', 'image/webp', 'image/gif']),
  dataBase64: z.string().max(8 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

export const mediaContract = {
  /**
   * A read ticket for `/attachments/<sha256>?ticket=…` (videos, pictures): an <img> or <video>
   * cannot send the bench's token, and the token must not sit in a URL.
   */
  'media.ticket': procedure(z.object({}), z.object({ ticket: z.string() })),
  /** The pack videos of one order, newest first. */
  'clips.forOrder': procedure(z.object({ orderId: z.string().min(1).max(120) }), z.object({ clips: z.array(packClipSchema).max(20) })),
  /** The disk the clips take against this bench's budget. */
  'clips.usage': procedure(z.object({}), clipUsageSchema),
  /** Stores a SKU picture in the attachment store and shows it on the bench line. */
  'catalog.setImage': procedure(skuImageInputSchema, z.object({ sha256: sha256Schema })),
} as const;
