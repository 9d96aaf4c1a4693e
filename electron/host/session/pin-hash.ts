import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

// scrypt with a per-user salt: a stolen database does not reveal PINs by table lookup.
const KEY_LENGTH = 32;

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(pin, salt, KEY_LENGTH).toString('base64')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** verifyPin off the event loop: for a server answering many clients (the hub's phone login). */
export function verifyPinAsync(pin: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return Promise.resolve(false);
  const expected = Buffer.from(hash, 'base64');
  return new Promise((resolve) => {
    scrypt(pin, Buffer.from(salt, 'base64'), expected.length, (error, actual) => resolve(!error && timingSafeEqual(actual, expected)));
  });
}

// Badges are looked up by their hash (a scan names no user), so the salt is fixed: the same code
// hashes alike at every bench, and the hub can tell when two people were given one badge.
const BADGE_SALT = 'packdesk-badge-v1';

// A lighter cost than for PINs: a badge is looked up when a scanned code is neither an item nor an order.
const BADGE_COST = { N: 4096 };
const recent = new Map<string, string>();

export function hashBadge(badge: string): string {
  const known = recent.get(badge);
  if (known) return known;
  const hashed = scryptSync(badge, BADGE_SALT, KEY_LENGTH, BADGE_COST).toString('hex');
  if (recent.size >= 64) recent.delete(recent.keys().next().value as string);
  recent.set(badge, hashed);
  return hashed;
}
