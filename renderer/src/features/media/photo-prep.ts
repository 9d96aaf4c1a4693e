import { msg } from '#shared/i18n/message';
import { PHOTO_MAX_BYTES, photoMimes, type PhotoMime } from '#shared/contract/photos.contract';
import { getApi } from '../../api/client';
import { readFileAsBase64 } from '../../lib/files';

/** A camera frame or a big phone photo is sent at most this wide or tall, as JPEG at this quality. */
export const PHOTO_SEND_MAX_PX = 1600;
const JPEG_QUALITY = 0.85;

/** A problem the packer can act on, as a catalog message (the toast shows it). */
export class PhotoRefused extends Error {
  constructor(readonly reason: ReturnType<typeof msg>) {
    super(reason.key);
  }
}

type Drawable = CanvasImageSource & { width: number; height: number };

/** Draws a frame or a picture scaled down to PHOTO_SEND_MAX_PX and encodes it as JPEG. */
function toJpeg(source: Drawable, width: number, height: number): Promise<Blob> {
  const scale = Math.min(1, PHOTO_SEND_MAX_PX / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2d canvas'));
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encode failed'))), 'image/jpeg', JPEG_QUALITY));
}

/** The current frame of a playing camera preview, as a JPEG. */
export function snapFrame(video: HTMLVideoElement): Promise<Blob> {
  if (video.videoWidth === 0 || video.videoHeight === 0) return Promise.reject(new PhotoRefused(msg('photos.cameraNotReady')));
  return toJpeg(video, video.videoWidth, video.videoHeight);
}

/**
 * A chosen file made ready to send: a small JPEG, PNG or WebP goes as it is; a big one (a phone's
 * 12-megapixel photo) is scaled down to JPEG, turned the way the camera held it. A file that is no
 * picture is refused here, before anything is sent.
 */
export async function prepareFile(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new PhotoRefused(msg('photos.notImage'));
  }
  try {
    const sendable = (photoMimes as readonly string[]).includes(file.type) && file.size <= PHOTO_MAX_BYTES;
    if (sendable && Math.max(bitmap.width, bitmap.height) <= PHOTO_SEND_MAX_PX) return file;
    return await toJpeg(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/** Stores a prepared photo at the host (checked there too) and returns its SHA-256. */
export async function putPhoto(blob: Blob): Promise<string> {
  const mime = ((photoMimes as readonly string[]).includes(blob.type) ? blob.type : 'image/jpeg') as PhotoMime;
  const { sha256 } = await getApi().call('photos.put', { mime, base64: await readFileAsBase64(blob) });
  return sha256;
}
