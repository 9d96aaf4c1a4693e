/** Display helpers. Times are stored as UTC ISO strings and shown in the shop's zone (Beijing). */
const shopZone = 'Asia/Shanghai';

export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, {
    timeZone: shopZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

/** True when a deadline has passed. */
export function isLate(deadline: string | null | undefined, now: number = Date.now()): boolean {
  if (!deadline) return false;
  const t = Date.parse(deadline);
  return !Number.isNaN(t) && t < now;
}

/** Hours left until a deadline (negative when late), or null. */
export function hoursLeft(deadline: string | null | undefined, now: number = Date.now()): number | null {
  if (!deadline) return null;
  const t = Date.parse(deadline);
  return Number.isNaN(t) ? null : (t - now) / 3_600_000;
}

export function formatGrams(g: number | null | undefined): string {
  if (g === null || g === undefined) return '—';
  return g >= 1000 ? `${(g / 1000).toFixed(2)} kg` : `${g} g`;
}

/** Parses a whole non-negative number typed into a field; null for empty or invalid. */
export function parseWhole(text: string): number | null {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** Parses a whole signed number (stock deltas); null for empty or invalid. */
export function parseSigned(text: string): number | null {
  const s = text.trim();
  if (!/^[+-]?\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** Splits "浙江, 江苏 上海" into a list; accepts ASCII and Chinese commas, semicolons and spaces. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,，;；、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A carrier's display name in the UI language (the Chinese name is what goes into exports). */
export function carrierLabel(c: { code: string; name: string; nameEn?: string }, lang: string): string {
  return (lang === 'en' ? c.nameEn || c.name : c.name) || c.code;
}
