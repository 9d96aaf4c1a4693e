import type { PackClip } from '#shared/contract/media.contract';
import { DESKTOP_ATTACHMENTS_BASE } from '#shared/domain/attachments';
import { getApi, getAttachmentsBase, getStationToken } from './client';

export type ClipUpload = { orderId: string; startedAt: string; endedAt: string; durationMs: number };

/** True where the host serves stored videos and pictures: the browser station, the desktop window (its own scheme) and the hub's desk. */
export const attachmentsAvailable = () => getAttachmentsBase() !== null;

/**
 * Sends a finished pack clip to the host as one streamed POST (the body is the Blob, never read
 * into a string). Called after the order, off the scan path. The browser station asks for its
 * token; the desktop window, which has none, shows the read ticket its RPC handed it.
 */
export async function uploadClip(blob: Blob, meta: ClipUpload): Promise<PackClip> {
  const base = getAttachmentsBase();
  const token = getStationToken() ?? (base === DESKTOP_ATTACHMENTS_BASE ? await readTicket() : null);
  if (!token || !base) throw new Error('no station token');
  const query = new URLSearchParams({ order: meta.orderId, started: meta.startedAt, ended: meta.endedAt, duration: String(Math.round(meta.durationMs)) });
  const response = await fetch(`${base}clips?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'video/webm' },
    body: blob,
  });
  if (response.status !== 201) throw new Error(`HTTP ${response.status}`);
  return ((await response.json()) as { clip: PackClip }).clip;
}

let ticket: Promise<string> | null = null;

/** The read ticket the host hands this page over the RPC (once; asked again after a failure). */
function readTicket(): Promise<string> {
  ticket ??= getApi()
    .call('media.ticket', {})
    .then((t) => t.ticket)
    .catch((error: unknown) => {
      ticket = null;
      throw error;
    });
  return ticket;
}

/** The address of a stored video or picture, with the read ticket the host handed this page. */
export async function attachmentUrl(sha256: string): Promise<string> {
  return `${getAttachmentsBase() ?? '/attachments/'}${sha256}?ticket=${encodeURIComponent(await readTicket())}`;
}
