import { readFile } from 'node:fs/promises';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { AppError } from '#shared/contract/errors';
import { PHOTO_MAX_BYTES, THUMB_MAX_PX, type PhotoMime } from '#shared/contract/photos.contract';
import { msg } from '#shared/i18n/message';
import type { Db } from '../db/open-database';
import type { AttachmentStore } from './attachment-store';
import { checkPhoto, type PhotoFacts } from './photo-check';

const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

export type StoredPhoto = { sha256: string; thumbSha256: string; bytes: number; width: number; height: number };

/**
 * Damage and return photos in the attachment store, each with a small JPEG thumbnail (its own
 * attachment) for lists and phones. A photo is checked before a byte is kept: the type it claims
 * is the type it is, it is whole, and it decodes.
 */
export function createPhotosService(deps: { db: Db; store: AttachmentStore }) {
  const { store } = deps;
  const q = {
    thumb: deps.db.prepare('SELECT thumb_sha256 FROM photo_thumbs WHERE sha256 = ?').pluck(),
    setThumb: deps.db.prepare(`INSERT INTO photo_thumbs (sha256, thumb_sha256) VALUES (?, ?)
      ON CONFLICT (sha256) DO UPDATE SET thumb_sha256 = excluded.thumb_sha256`),
  };
  // One thumbnail made at a time per photo, however many lists ask for it at once.
  const making = new Map<string, Promise<string | null>>();

  async function decode(bytes: Buffer) {
    try {
      return await loadImage(bytes);
    } catch {
      throw new AppError('INVALID_INPUT', msg('photos.undecodable'));
    }
  }

  /** A JPEG of at most THUMB_MAX_PX on its longer side, on white (a PNG's transparency shows as paper). */
  async function thumbnail(image: Awaited<ReturnType<typeof loadImage>>): Promise<Buffer> {
    const scale = Math.min(1, THUMB_MAX_PX / Math.max(image.width, image.height));
    const canvas = createCanvas(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return canvas.encode('jpeg', 80);
  }

  function check(bytes: Buffer, declared: PhotoMime): PhotoFacts {
    if (bytes.length > PHOTO_MAX_BYTES) throw new AppError('INVALID_INPUT', msg('photos.tooLarge', { size: megabytes(bytes.length), max: megabytes(PHOTO_MAX_BYTES) }));
    const facts = checkPhoto(bytes);
    if (facts === 'not-image') throw new AppError('INVALID_INPUT', msg('photos.notImage'));
    if (facts === 'truncated') throw new AppError('INVALID_INPUT', msg('photos.truncated'));
    if (facts === 'too-many-pixels') throw new AppError('INVALID_INPUT', msg('photos.tooManyPixels'));
    // The file is served back with its declared type: it must be what the bytes are.
    if (facts.mime !== declared) throw new AppError('INVALID_INPUT', msg('photos.typeMismatch', { declared, actual: facts.mime }));
    return facts;
  }

  async function makeThumb(sha256: string): Promise<string | null> {
    const file = store.open(sha256);
    if (!file || !file.mime.startsWith('image/')) return null;
    try {
      const image = await loadImage(await readFile(file.path));
      const thumb = store.put(await thumbnail(image), 'image/jpeg');
      q.setThumb.run(sha256, thumb.sha256);
      return thumb.sha256;
    } catch {
      return null;
    }
  }

  return {
    /** Checks and keeps a photo and its thumbnail; the same bytes again are the same photo. */
    async put(mime: PhotoMime, bytes: Buffer): Promise<StoredPhoto> {
      const facts = check(bytes, mime);
      const image = await decode(bytes);
      const thumbBytes = await thumbnail(image);
      const photo = store.put(bytes, mime);
      const thumb = store.put(thumbBytes, 'image/jpeg');
      q.setThumb.run(photo.sha256, thumb.sha256);
      return { sha256: photo.sha256, thumbSha256: thumb.sha256, bytes: photo.bytes, width: facts.width, height: facts.height };
    },
    /**
     * The thumbnail of a stored photo, made now when there is none (a photo fetched from another
     * bench arrives without one) or its file is gone; null when the photo itself is not here.
     */
    async thumbOf(sha256: string): Promise<string | null> {
      const known = q.thumb.get(sha256) as string | undefined;
      if (known && store.open(known)) return known;
      let pending = making.get(sha256);
      if (!pending) {
        pending = makeThumb(sha256).finally(() => making.delete(sha256));
        making.set(sha256, pending);
      }
      return pending;
    },
  };
}
export type PhotosService = ReturnType<typeof createPhotosService>;
