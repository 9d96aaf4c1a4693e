import type { PackClip } from '#shared/contract/media.contract';
import { getApi, getAttachmentsBase, getStationToken } from './client';

export type ClipUpload = { orderId: string; startedAt: string; endedAt: string; durationMs: number };

/** True where the host serves stored videos and pictures: the browser station and the hub's desk (not the Electron bridge yet). */
export const attachmentsAvailable = () => getAttachmentsBase() !== null;

/**
 * Sends a finished pack clip to the host as one streamed POST (the body is the Blob, never read
 * into a string). Called after the order, off the scan path.
 */
export async function uploadClip(blob: Blob, meta: ClipUpload): Promise<PackClip> {
  const token = getStationToken();
  if (!token) throw new Error('no station token');
  const query = new URLSearchParams({ order: meta.orderId, started: meta.startedAt, ended: meta.endedAt, duration: String(Math.round(meta.durationMs)) });
  const response = await fetch(`/attachments/clips?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'video/webm' },
    body: blob,
  });
  if (response.status !== 201) throw new Error(`HTTP ${response.status}`);
  return ((await response.json()) as { clip: PackClip }).clip;
}

let ticket: Promise<string> | null = null;

/** The address of a stored video or picture, with the read ticket the host handed this page. */
export async function attachmentUrl(sha256: string): Promise<string> {
  ticket ??= getApi()
    .call('media.ticket', {})
    .then((t) => t.ticket)
    .catch((error: unknown) => {
      ticket = null;
      throw error;
    });
  return `${getAttachmentsBase() ?? '/attachments/'}${sha256}?ticket=${encodeURIComponent(await ticket)}`;
}
