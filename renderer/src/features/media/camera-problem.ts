import { msg, type Message } from '#shared/i18n/message';

/** The browser's reasons (DOMException names, some from older Chromium) for a camera that did not open. */
const BY_NAME: Record<string, 'denied' | 'missing' | 'busy'> = {
  NotAllowedError: 'denied',
  PermissionDeniedError: 'denied',
  SecurityError: 'denied',
  NotFoundError: 'missing',
  DevicesNotFoundError: 'missing',
  OverconstrainedError: 'missing',
  NotReadableError: 'busy',
  TrackStartError: 'busy',
  AbortError: 'busy',
};

/**
 * Why the camera did not open, in words a packer can act on ("NotFoundError" told them nothing);
 * an unknown reason is shown as is. (No camera API at all is `media.camera.unsupported`.)
 */
export function cameraProblem(error: unknown): Message {
  // A DOMException, an Error in Chromium but not in every runtime: read its name either way.
  const name = typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string' ? (error as { name: string }).name : '';
  const kind = BY_NAME[name];
  if (kind) return msg(`media.camera.${kind}`);
  return msg('media.camera.other', { reason: name || (error instanceof Error ? error.message : String(error)) });
}
