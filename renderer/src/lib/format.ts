/** Display helpers. Times are stored as UTC ISO strings and shown in the shop's zone (Beijing). */
const shopZone = 'Asia/Shanghai';

/** One formatter per language and precision: building one costs ~1 ms, on the bench after every scan (measured). */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * `2026/12/09 03:10`, and in English `Dec 9, 2026, 03:10`: English numeric dates read 12/09 as
 * 9 December in the US and 12 September elsewhere, a month name cannot be misread.
 * `seconds`: where the order of events within a minute matters (the audit view).
 */
export function formatDateTime(iso: string | null | undefined, lang: string, options: { seconds?: boolean } = {}): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const key = `${lang}|${options.seconds === true}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    const english = lang.toLowerCase().startsWith('en');
    format = new Intl.DateTimeFormat(lang, {
      timeZone: shopZone,
      year: 'numeric',
      month: english ? 'short' : '2-digit',
      day: english ? 'numeric' : '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(options.seconds ? { second: '2-digit' as const } : {}),
      // Not hour12: false, which English formats as 24:05 just after midnight.
      hourCycle: 'h23',
    });
    dateTimeFormats.set(key, format);
  }
  return format.format(d);
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

export { formatGrams } from '#shared/domain/weight-text';

/** Parses a whole non-negative number typed into a field; null for empty or invalid. */
export function parseWhole(text: string): number | null {
  // Full-width digits (an IME in full-width mode) are the same number.
  const s = text.normalize('NFKC').trim();
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

/**
 * How long ago, in the UI language ("2 分钟前", "3 hours ago"); `justNow` under a minute, and for a
 * time slightly ahead of this PC's clock (another PC's clock may run fast). '—' when there is no time.
 * The short style ("12 min. ago") is for the top bar.
 */
export function formatAgo(iso: string | null | undefined, lang: string, now: number, justNow: string, style: 'long' | 'short' = 'long'): string {
  if (!iso) return '—';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.floor((now - then) / 1000);
  if (seconds < 60) return justNow;
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'always', style });
  if (seconds < 3600) return rtf.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return rtf.format(-Math.floor(seconds / 3600), 'hour');
  return rtf.format(-Math.floor(seconds / 86_400), 'day');
}

/** A length of time in its largest sensible unit ("3 天", "5 minutes"); the sign is ignored. */
export function formatSpan(ms: number, lang: string): string {
  const abs = Math.abs(ms);
  const [unit, size] = abs < 3_600_000 ? (['minute', 60_000] as const) : abs < 172_800_000 ? (['hour', 3_600_000] as const) : (['day', 86_400_000] as const);
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(Math.max(1, Math.round(abs / size)));
}

/** A file size as people read it: 512 KB, 3.4 MB, 19.8 GB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 || value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

const stampFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: shopZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** `2026-12-06 06:02:49`, in the shop's zone like every time the app shows: burned into pack videos. */
export function formatStamp(d: Date): string {
  return stampFormat.format(d);
}
