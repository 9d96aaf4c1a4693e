import { createHash } from 'node:crypto';

/**
 * Pinduoduo open platform (POP) request signing (research/providers.md §4.2), as the official PHP
 * SDK does it: every parameter but `sign`, empty strings dropped, sorted by key, S = k1v1k2v2…,
 * sign = UPPER(MD5(client_secret + S + client_secret)). The timestamp is Unix seconds.
 */
export function popSign(fields: Readonly<Record<string, string>>, clientSecret: string): string {
  const s = Object.keys(fields)
    .filter((k) => k !== 'sign' && fields[k] !== '')
    .sort()
    .map((k) => k + fields[k])
    .join('');
  return createHash('md5').update(clientSecret + s + clientSecret, 'utf8').digest('hex').toUpperCase();
}

export const popTimestamp = (at: Date): string => String(Math.floor(at.getTime() / 1000));
