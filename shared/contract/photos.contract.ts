import { z } from 'zod';
import { procedure } from '../rpc/define';

/** Photos of damage and returns: what a bench camera or a phone makes. */
export const photoMimes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof photoMimes)[number];
/** A photo is refused past this (the renderer sends camera frames downsized, far below it). */
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
/** The longest side of a thumbnail, in pixels. */
export const THUMB_MAX_PX = 320;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const photosContract = {
  /**
   * Keeps a photo in the attachment store by its SHA-256 (the same bytes once) with a thumbnail,
   * after checking the bytes are the picture they claim to be, whole and decodable. The answer
   * names it in a damage report or a return. Twice the cap travels so that a photo somewhat too
   * big is refused saying so, not as a malformed request.
   */
  'photos.put': procedure(
    z.strictObject({ mime: z.enum(photoMimes), base64: z.string().max(Math.ceil((2 * PHOTO_MAX_BYTES) / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/) }),
    z.object({ sha256, thumbSha256: sha256, bytes: z.number().int().positive(), width: z.number().int().positive(), height: z.number().int().positive() }),
  ),
  /**
   * A stored photo's bytes (its thumbnail with `thumb`), for a window no file route serves (the
   * desktop app). One from another bench is fetched from the hub first; `missing` says why there is
   * none (not uploaded yet, past retention, hub out of reach).
   */
  'photos.get': procedure(
    z.strictObject({ sha256, thumb: z.boolean().default(false) }),
    z.object({
      photo: z.object({ mime: z.enum(photoMimes), base64: z.string() }).nullable(),
      missing: z.enum(['notUploaded', 'expired', 'hubUnreachable', 'badCopy']).nullable(),
    }),
  ),
} as const;
