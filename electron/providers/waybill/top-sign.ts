import { createHash, createHmac } from 'node:crypto';

/**
 * Taobao Open Platform (TOP) request signing (research/providers.md §3.2): every form field but
 * `sign`, sorted by key (ASCII), concatenated as key+value with the raw values, then
 * `md5`: UPPER(MD5(secret + S + secret)) or `hmac`: UPPER(HMAC_MD5(secret, S)). UTF-8 throughout.
 * The fake verifies with the same function over the fields it decoded, so both sides sign bytes, never a re-serialised object.
 */
export const topSignMethods = ['md5', 'hmac'] as const;
export type TopSignMethod = (typeof topSignMethods)[number];

/** The string both methods hash: sorted key+value pairs, `sign` left out. */
export function signedString(fields: Readonly<Record<string, string>>): string {
  return Object.keys(fields)
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => k + fields[k])
    .join('');
}

export function topSign(fields: Readonly<Record<string, string>>, secret: string, method: TopSignMethod): string {
  const s = signedString(fields);
  const digest = method === 'md5' ? createHash('md5').update(secret + s, 'utf8').update(secret, 'utf8') : createHmac('md5', Buffer.from(secret, 'utf8')).update(s, 'utf8');
  return digest.digest('hex').toUpperCase();
}

const BEIJING_OFFSET_MS = 8 * 3600_000;
/** TOP wants `yyyy-MM-dd HH:mm:ss` in Beijing time (GMT+8), whatever the station's own time zone. */
export function topTimestamp(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** A TOP timestamp back to epoch ms (null when it is not one): the fake's ±10 min window check. */
export function parseTopTimestamp(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(ms) ? null : ms;
}
