import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { TrackingEvent, TrackingState } from '#shared/domain/tracking';

/** What the tracking.updated op carries per node (shared/ops/tracking-updated.op.ts). */
export const EVENT_TEXT_MAX = 300;
export const CITY_MAX = 40;

export const md5Hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/** A provider's code: documented as strings, sometimes sent as numbers. */
export const wireCode = z.union([z.string().max(16), z.number().int().min(-1e9).max(1e9)]).transform(String);
/** A capped string a provider may also send as null. */
export const wireText = (max: number) => z.string().max(max).nullish().transform((v) => v ?? '');

// Control characters, line/paragraph separators, bidi overrides, the BOM and lone surrogates: the
// op's text fields refuse them, and a provider's text is no reason to refuse a whole update.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Provider text made safe for an op: controls become spaces, runs of spaces one, capped at `max` characters. */
export function cleanText(text: string, max: number): string {
  const clean = text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  // Never cut a surrogate pair in half.
  const cut = clean.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

const WALL_CLOCK = /^(\d{4})[-/](\d{2})[-/](\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** Beijing wall-clock 'yyyy-MM-dd HH:mm:ss' (or yyyy/MM/dd, as very old 快递鸟 samples show) → ISO with +08:00; null when it is no time. */
export function beijingIso(text: string): string | null {
  const m = WALL_CLOCK.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}+08:00`;
  const t = Date.parse(iso);
  // Date.parse rolls 02-30 over to March: a real time prints back the same day.
  if (Number.isNaN(t) || new Date(t + 8 * 3600_000).toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) return null;
  return iso;
}

/** 快递100 areaName '广东,东莞市' → '东莞市'; '' when none. */
export function cityOfArea(area: string): string {
  const parts = area.split(/[,，]/).map((p) => p.trim()).filter((p) => p !== '');
  return cleanText(parts.at(-1) ?? '', CITY_MAX);
}

/** Nodes oldest first (providers send either order), the same time and text kept once. */
export function orderEvents(events: TrackingEvent[]): TrackingEvent[] {
  const seen = new Set<string>();
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i)
    .map(({ e }) => e)
    .filter((e) => {
      const key = `${e.at}\u0000${e.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** A node with no state of its own takes the parcel's (in transit when the parcel has none yet). */
export const nodeState = (own: TrackingState | null | undefined, parcel: TrackingState | null): TrackingState => own ?? parcel ?? 'in-transit';
