/**
 * The hub's TLS certificate fingerprint (SHA-256, 64 hex digits) as people read and type it. The
 * hub shows it in groups of four; a station accepts it with or without separators, in any case,
 * and in full or as its first FINGERPRINT_MIN_HEX digits.
 *
 * Why a prefix of 20 digits (80 bits) is enough: an impostor would need a certificate whose
 * SHA-256 starts with those 80 given bits. The target is fixed, so there is no birthday shortcut:
 * about 2^80 certificate hashes, far beyond anyone attacking a shop's LAN. After pairing the
 * station pins the whole fingerprint it saw.
 */
export const FINGERPRINT_HEX = 64;
export const FINGERPRINT_MIN_HEX = 20;
const GROUP = 4;

/** Typed text → lowercase hex without separators, or null when it cannot be (a part of) one. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:.\-_]/g, '').toLowerCase();
  if (!/^[0-9a-f]*$/.test(hex) || hex.length < FINGERPRINT_MIN_HEX || hex.length > FINGERPRINT_HEX) return null;
  return hex;
}

/** "3f2a9c1b…" → "3F2A 9C1B …": the form the hub shows. */
export function formatFingerprint(hex: string): string {
  const groups: string[] = [];
  for (let i = 0; i < hex.length; i += GROUP) groups.push(hex.slice(i, i + GROUP).toUpperCase());
  return groups.join(' ');
}

/** The part a person must type (the first five groups), formatted. */
export const fingerprintPrefix = (hex: string): string => formatFingerprint(hex.slice(0, FINGERPRINT_MIN_HEX));

/** Does the certificate a hub presented match what the station pinned (a prefix or the whole)? */
export const fingerprintMatches = (presented: string, pinned: string): boolean =>
  pinned.length >= FINGERPRINT_MIN_HEX && presented.toLowerCase().startsWith(pinned.toLowerCase());
