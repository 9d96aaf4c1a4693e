import { readFileSync } from 'node:fs';
import { photoMimes, type PhotoMime } from '#shared/contract/photos.contract';
import type { FetchMiss, FetchResult } from './attachment-fetch';
import type { AttachmentStore } from './attachment-store';

export type PhotoRead = { photo: { mime: PhotoMime; base64: string } | null; missing: FetchMiss | null };

const isPhotoMime = (mime: string): mime is PhotoMime => (photoMimes as readonly string[]).includes(mime);

/**
 * A photo's bytes for a window no file route serves (the desktop app): the same rules as the
 * station's /attachments/ route — fetched from the hub when another bench took it, the thumbnail
 * made when missing — and only pictures, never a pack video.
 */
export function createPhotoReader(deps: { store: AttachmentStore; thumbOf: (sha256: string) => Promise<string | null>; fetchMissing: (sha256: string) => Promise<FetchResult> }) {
  return async (sha256: string, thumb: boolean): Promise<PhotoRead> => {
    if (!deps.store.open(sha256)) {
      const fetched = await deps.fetchMissing(sha256).catch((): FetchResult => 'hubUnreachable');
      if (fetched !== 'stored') return { photo: null, missing: fetched };
    }
    const name = thumb ? ((await deps.thumbOf(sha256).catch(() => null)) ?? sha256) : sha256;
    const file = deps.store.open(name);
    if (!file || !isPhotoMime(file.mime)) return { photo: null, missing: 'notUploaded' };
    return { photo: { mime: file.mime, base64: readFileSync(file.path).toString('base64') }, missing: null };
  };
}
export type PhotoReader = ReturnType<typeof createPhotoReader>;
