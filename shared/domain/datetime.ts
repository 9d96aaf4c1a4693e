import { msg, type Message } from '#shared/i18n/message';

/**
 * Times are stored as UTC ISO-8601; exports and the UI speak Beijing wall-clock time (UTC+8, no
 * daylight saving since 1991), so the offset is a constant and no time-zone database is needed.
 */

const BEIJING_OFFSET_MS = 8 * 3600_000;

export type DateTimeRead = { ok: true; iso: string | null } | { ok: false; reason: Message };

// yyyy-MM-dd HH:mm:ss (raw export), yyyy/M/d H:mm[:ss] (after an Excel or WPS re-save),
// yyyy-MM-dd, 'T' separators, and 2019年3月12日 10:48 from Chinese-locale tools.
const DATE_TIME =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T\u3000]+(\d{1,2})[:：](\d{1,2})(?:[:：](\d{1,2})(?:\.\d{1,3})?)?)?$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1] ?? 0;
}

/** Beijing wall-clock fields → UTC ISO, or null when a field is out of range (e.g. 2月30日). */
export function beijingFieldsToIso(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string | null {
  // Written as positive ranges so NaN fields fail too.
  if (!(y >= 1970 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo))) return null;
  if (!(h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59)) return null;
  // Big imports parse hundreds of thousands of times that share few dates: build the string from a
  // per-day cache instead of allocating a Date for each (same result as Date#toISOString).
  const utcDay = dayPrefix(y, mo, d, h < 8);
  return `${utcDay}T${pad2(h < 8 ? h + 16 : h - 8)}:${pad2(mi)}:${pad2(s)}.000Z`;
}

const dayCache = new Map<number, string>();

/** 'yyyy-MM-dd' of the UTC day a Beijing wall-clock day starts in (`before8`: the day before). */
function dayPrefix(y: number, mo: number, d: number, before8: boolean): string {
  const key = ((y * 13 + mo) * 32 + d) * 2 + (before8 ? 1 : 0);
  let prefix = dayCache.get(key);
  if (prefix === undefined) {
    prefix = new Date(Date.UTC(y, mo - 1, before8 ? d - 1 : d)).toISOString().slice(0, 10);
    if (dayCache.size > 4096) dayCache.clear();
    dayCache.set(key, prefix);
  }
  return prefix;
}

/** Digits s[from..to) as a number, or NaN when any is not a digit. */
function num(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** Reads a Beijing-time cell without throwing: blank → iso null, garbage → failure. */
export function readBeijingDateTime(text: string): DateTimeRead {
  const s = text.trim();
  if (s === '') return { ok: true, iso: null };
  if (s.length === 19 && s[4] === '-' && s[7] === '-' && s[10] === ' ' && s[13] === ':' && s[16] === ':') {
    // The raw export's fixed layout: read digits by position, skipping the regex on big files.
    const iso = beijingFieldsToIso(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10), num(s, 11, 13), num(s, 14, 16), num(s, 17, 19));
    if (iso !== null) return { ok: true, iso };
  }
  const m = DATE_TIME.exec(s);
  const iso = m
    ? beijingFieldsToIso(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0))
    : null;
  return iso === null ? { ok: false, reason: msg('date.invalid', { text }) } : { ok: true, iso };
}

/** Thrown by {@link parseBeijingDateTime} on text that is not a date. */
export class InvalidDateTimeError extends Error {
  constructor(readonly text: string, readonly reason: Message) {
    super(`not a date: ${JSON.stringify(text)}`);
    this.name = 'InvalidDateTimeError';
  }
}

/**
 * '2019-03-12 10:48:00' (Beijing) → '2019-03-12T02:48:00.000Z'; '' → null.
 * @throws InvalidDateTimeError for text that is not a date
 */
export function parseBeijingDateTime(text: string): string | null {
  const r = readBeijingDateTime(text);
  if (!r.ok) throw new InvalidDateTimeError(text, r.reason);
  return r.iso;
}

/**
 * A spreadsheet date cell carries wall-clock time with no zone (libraries hand it over as a Date
 * whose UTC fields are the wall clock); read it as Beijing time.
 */
export function spreadsheetDateToIso(wallClock: Date): string | null {
  const t = wallClock.getTime();
  return Number.isNaN(t) ? null : new Date(t - BEIJING_OFFSET_MS).toISOString();
}

/** Excel serial day number (1900 date system) as Beijing wall-clock time → UTC ISO. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 25569 || serial > 401768) return null;
  return spreadsheetDateToIso(new Date(Math.round((serial - 25569) * 86400_000)));
}

/** The platform's default promise is 48 h after payment (china-formats §6); 24 h or pre-sale vary. */
export function shipDeadlineFrom(paidAtIso: string, promiseHours = 48): string {
  const t = isoToMs(paidAtIso);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO time: ${paidAtIso}`);
  return msToIso(t + promiseHours * 3600_000);
}

// An import derives a deadline per order; Date.parse and Date#toISOString were a visible share of
// it. These two read and write the canonical form directly and hand anything else to Date.

/** Date.parse, reading the canonical 'yyyy-MM-ddTHH:mm:ss.sssZ' by position. */
function isoToMs(iso: string): number {
  if (iso.length === 24 && iso[4] === '-' && iso[7] === '-' && iso[10] === 'T' && iso[13] === ':' && iso[16] === ':' && iso[19] === '.' && iso[23] === 'Z') {
    const y = num(iso, 0, 4);
    const mo = num(iso, 5, 7);
    const d = num(iso, 8, 10);
    const h = num(iso, 11, 13);
    const mi = num(iso, 14, 16);
    const s = num(iso, 17, 19);
    const ms = num(iso, 20, 23);
    // Written as positive ranges so NaN fields fail too; odd cases ('T24:00') go to Date.parse.
    if (y >= 1970 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59 && ms >= 0) {
      return Date.UTC(y, mo - 1, d, h, mi, s, ms);
    }
  }
  return Date.parse(iso);
}

const DAY_MS = 86400_000;
/** First day of year 3000: the cached path covers 1970–2999, like the readers above. */
const LAST_FAST_DAY = Date.UTC(3000, 0, 1) / DAY_MS;
const utcDayCache = new Map<number, string>();

/** new Date(t).toISOString(), with the 'yyyy-MM-dd' of each day built once. */
function msToIso(t: number): string {
  const whole = Math.trunc(t);
  const day = Math.floor(whole / DAY_MS);
  if (!(day >= 0 && day < LAST_FAST_DAY)) return new Date(t).toISOString();
  let prefix = utcDayCache.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (utcDayCache.size > 4096) utcDayCache.clear();
    utcDayCache.set(day, prefix);
  }
  const inDay = whole - day * DAY_MS;
  const h = Math.floor(inDay / 3600_000);
  const mi = Math.floor(inDay / 60_000) % 60;
  const s = Math.floor(inDay / 1000) % 60;
  const ms = inDay % 1000;
  return `${prefix}T${pad2(h)}:${pad2(mi)}:${pad2(s)}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** UTC ISO → '2019-03-12 10:48' in Beijing time (with seconds when asked). */
export function formatBeijing(iso: string, opts: { seconds?: boolean } = {}): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const b = new Date(t + BEIJING_OFFSET_MS);
  const date = `${b.getUTCFullYear()}-${pad2(b.getUTCMonth() + 1)}-${pad2(b.getUTCDate())}`;
  const time = `${pad2(b.getUTCHours())}:${pad2(b.getUTCMinutes())}`;
  return opts.seconds ? `${date} ${time}:${pad2(b.getUTCSeconds())}` : `${date} ${time}`;
}

/** UTC ISO → 'yyyyMMddHHmm' (or with seconds) on the Beijing clock: for file names a person reads. */
export function beijingStamp(iso: string, opts: { seconds?: boolean } = {}): string {
  return formatBeijing(iso, opts).replace(/[-: ]/g, '');
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A Beijing calendar day 'yyyy-MM-dd' → the UTC instants it starts and ends at (end exclusive),
 * or null when it is no real day.
 */
export function beijingDayBounds(day: string): { start: string; end: string } | null {
  const m = DAY.exec(day);
  const start = m ? beijingFieldsToIso(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  return start === null ? null : { start, end: msToIso(isoToMs(start) + DAY_MS) };
}

/** The Beijing calendar day ('yyyy-MM-dd') an instant falls in. */
export function beijingDay(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant (UTC ms) the Beijing day `daysBack` days before the one `ms` falls in starts. */
export function beijingDayStart(ms: number, daysBack = 0): number {
  const local = ms + BEIJING_OFFSET_MS;
  return local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - daysBack * DAY_MS - BEIJING_OFFSET_MS;
}
