/**
 * Masking for screens, logs and pick slips that passers-by can read. The style follows the
 * platform's own masks ('王**', '131****1907') so sellers recognise them; already-masked input is
 * returned unchanged, which makes every mask idempotent.
 */

/** '王小明' → '王**', '欧阳娜娜' → '欧***', '' → ''. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  const first = chars[0];
  if (first === undefined) return '';
  if (chars.length === 1) return '*';
  return first + '*'.repeat(chars.length - 1);
}

const MOBILE = /^(\+?86[- ]?)?(1\d{2})(\d{4})(\d{4})(-\d{1,6})?$/;
const LANDLINE = /^(0\d{2,3}-?)?(\d{3,4})(\d{4})(-\d{1,6})?$/;

/**
 * '13812345678' → '138****5678'; a virtual number keeps its extension ('123****8901-1234'),
 * because the courier needs the extension to reach the buyer through the platform.
 */
export function maskMobile(phone: string): string {
  const p = phone.trim();
  if (p === '' || p.includes('*')) return p;
  const m = MOBILE.exec(p);
  if (m) return `${m[1] ?? ''}${m[2]}****${m[4]}${m[5] ?? ''}`;
  const l = LANDLINE.exec(p);
  if (l) return `${l[1] ?? ''}${'*'.repeat(l[2]?.length ?? 4)}${l[3]}${l[4] ?? ''}`;
  // Unknown shapes: keep only the last four characters.
  const chars = Array.from(p);
  return chars.length <= 4 ? '*'.repeat(chars.length) : '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
}

const KEEP_MAX = 8;

/**
 * Keeps the street part of the detail and hides house, building and room numbers, which is what
 * identifies a home: '科技南十二路2号金蝶软件园B10' → '科技南十二路****'.
 */
export function maskAddressDetail(detail: string): string {
  const d = detail.trim();
  if (d === '' || d.endsWith('****')) return d;
  const chars = Array.from(d);
  // Stop at the first digit, Latin letter (building 'B10') or space, and never show more than half.
  const limit = Math.min(KEEP_MAX, Math.ceil(chars.length / 2));
  let keep = 0;
  while (keep < limit && !/[0-9０-９A-Za-z\s]/.test(chars[keep] ?? ' ')) keep++;
  return `${chars.slice(0, keep).join('')}****`;
}
