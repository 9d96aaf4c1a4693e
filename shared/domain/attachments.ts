/**
 * What an attachment may be, for the station's store and the hub alike: pack videos and pictures,
 * each kind with its own size cap, named by the SHA-256 of its bytes.
 */
export const ATTACHMENT_MIMES = ['video/webm', 'image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];
export const isAttachmentMime = (mime: string): mime is AttachmentMime => (ATTACHMENT_MIMES as readonly string[]).includes(mime);

/** Per kind: a pack clip of a long order is tens of MB; a SKU picture a few hundred KB. */
export const ATTACHMENT_CAPS: Record<AttachmentMime, number> = {
  'video/webm': 512 * 1024 * 1024,
  'image/png': 8 * 1024 * 1024,
  'image/jpeg': 8 * 1024 * 1024,
  'image/webp': 8 * 1024 * 1024,
  'image/gif': 8 * 1024 * 1024,
};

const SHA256 = /^[0-9a-f]{64}$/;
export const isSha256 = (value: string) => SHA256.test(value);

/**
 * Evidence is kept at least this long shop-wide: claims and disputes with carriers and buyers
 * outlive the platforms' 90 days (DESIGN §6). The hub never lets an attachment go sooner.
 */
export const ATTACHMENT_RETENTION_DAYS_MIN = 180;

export type ByteRange = { start: number; end: number };

/**
 * One `Range: bytes=…` against a file of `size` bytes: the range to send, null for the whole
 * file (no header, or one we do not serve such as several ranges), 'unsatisfiable' for 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/**
 * The desktop window has no HTTP server behind it (it loads the renderer from a file and talks RPC
 * over IPC): its stored videos and pictures come through this scheme of its own, served by the
 * same route code as the browser station's `/attachments/…` (`packdesk://attachments/<sha256>?ticket=…`).
 */
export const DESKTOP_ATTACHMENT_SCHEME = 'packdesk';
export const DESKTOP_ATTACHMENTS_BASE = `${DESKTOP_ATTACHMENT_SCHEME}://attachments/`;
