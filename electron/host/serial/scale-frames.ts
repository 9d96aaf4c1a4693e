/**
 * Frame parsers for the serial scale families of research/hardware.md §5. Each takes one complete
 * frame and returns a reading or null; the stream framing (split frames, garbage, resync) is in
 * scale-stream.ts. Weights come out in grams, with the resolution the frame showed.
 */

export const scaleFamilies = ['st-header', 'toledo', 'yaohua', 'yaohua-reversed', 'ohaus'] as const;
export type ScaleFamily = (typeof scaleFamilies)[number];
export type WeightUnit = 'kg' | 'g' | 'lb';

export type ScaleReading = {
  grams: number;
  /** One step of the display in grams (0.001 kg → 1 g): readings within one step are "the same". */
  stepG: number;
  /** What the frame says about stability; null when the family does not report it (Yaohua). */
  stable: boolean | null;
  /** Over the scale's range: no weight to use. */
  overload: boolean;
};

const GRAMS_PER: Record<WeightUnit, number> = { kg: 1000, g: 1, lb: 453.59237 };
// A bench scale weighs parcels: anything beyond 1 t is a misread frame, not a parcel.
const MAX_GRAMS = 1_000_000;

function reading(value: number, decimals: number, unit: WeightUnit, stable: boolean | null): ScaleReading | null {
  const grams = value * GRAMS_PER[unit];
  if (!Number.isFinite(grams) || Math.abs(grams) > MAX_GRAMS) return null;
  return { grams: Math.round(grams * 10) / 10, stepG: Math.max(0.1, 10 ** -decimals * GRAMS_PER[unit]), stable, overload: false };
}

/** Over the scale's range: no weight to show or use, whatever digits the frame carried. */
const OVERLOAD: ScaleReading = Object.freeze({ grams: 0, stepG: 1, stable: false, overload: true });

const unitOf = (text: string): WeightUnit | null => {
  const u = text.toLowerCase();
  return u === 'kg' || u === 'g' || u === 'lb' ? u : null;
};
const decimalsOf = (digits: string) => (digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0);

/**
 * `ST,GS,+001.234kg` (A&D, Kern, Selleton, many Chinese indicators): header ST stable / US unstable /
 * OL overload (QT count frames are not weights); mode GS gross / NT net / TR tare; spaces instead of
 * commas and padded values are accepted.
 */
const ST_HEADER = /^(ST|US|QT)[, ]+(?:(GS|NT|TR|G|N|T)[, ]+)?([+-])? *(\d{1,7}(?:\.\d{1,4})?) *(kg|g|lb)$/i;
/**
 * An overload frame's value is whatever the indicator fills it with (`+9999999 g`, `+OL    kg`,
 * dashes, `E+19`): the header alone says it. Dropping it repeated the last weight as if it settled.
 */
const ST_OVERLOAD = /^OL[, ]+[\x20-\x7e]{0,40}$/i;
export function parseStHeader(line: string): ScaleReading | null {
  if (ST_OVERLOAD.test(line.trim())) return OVERLOAD;
  const m = ST_HEADER.exec(line.trim());
  if (!m) return null;
  const [, header = '', , sign, digits = '', unitText = ''] = m;
  const unit = unitOf(unitText);
  const h = header.toUpperCase();
  if (!unit || h === 'QT') return null;
  const value = Number(digits) * (sign === '-' ? -1 : 1);
  return reading(value, decimalsOf(digits), unit, h === 'ST');
}

/** OHAUS older continuous output: `    12.73 g  ?` (padding may show as `*` in manuals), `?` = unstable. */
const OHAUS = /^[ *]*([+-])?[ *]*(\d{1,7}(?:\.\d{1,4})?)[ *]*(kg|g|lb)[ *]*(\?)?[ *]*(?:G|N|NET)?[ *]*$/i;
export function parseOhaus(line: string): ScaleReading | null {
  const m = OHAUS.exec(line);
  if (!m) return null;
  const [, sign, digits = '', unitText = '', unstable] = m;
  const unit = unitOf(unitText);
  if (!unit) return null;
  return reading(Number(digits) * (sign === '-' ? -1 : 1), decimalsOf(digits), unit, unstable === undefined);
}

/** Mettler-Toledo continuous: two's complement of the 7-bit sum of every byte before it (STX … CR). */
export function toledoChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const b of bytes) sum += b;
  return -sum & 0x7f;
}

/**
 * Mettler-Toledo continuous (also Fairbanks, Ohaus, Cardinal, KERN): STX SWA SWB SWC, six weight
 * digits, six tare digits, CR (17 bytes; with `checksum`, an 18th). SWA bits 0–2 place the decimal
 * point; SWB bit1 negative, bit2 out of range, bit3 in motion, bit4 kg (else lb); SWC bit0 grams.
 */
export function parseToledo(frame: Uint8Array, checksum: boolean): ScaleReading | null {
  if (frame.length !== (checksum ? 18 : 17) || frame[0] !== 0x02 || frame[16] !== 0x0d) return null;
  if (checksum && toledoChecksum(frame.subarray(0, 17)) !== (frame[17]! & 0x7f)) return null;
  const [swa = 0, swb = 0, swc = 0] = [frame[1], frame[2], frame[3]];
  // Status bytes are printable ASCII: a byte outside 0x20–0x7f is a torn frame.
  if ([swa, swb, swc].some((b) => b < 0x20 || b > 0x7f)) return null;
  // Out of range (SWB bit2): the digits are the indicator's filler, not a weight.
  if (swb & 0x04) return OVERLOAD;
  const digits = String.fromCharCode(...frame.subarray(4, 10)).replace(/ /g, '0');
  if (!/^\d{6}$/.test(digits) || !/^[\d ]{6}$/.test(String.fromCharCode(...frame.subarray(10, 16)))) return null;
  const position = swa & 0x07;
  // 0 and 1: the display shows X0 and X00 (a count of tens or hundreds); 2: whole; 3–7: decimals.
  const decimals = position >= 2 ? position - 2 : 0;
  const factor = position === 0 ? 10 : position === 1 ? 100 : 10 ** -decimals;
  const unit: WeightUnit = swc & 0x01 ? 'g' : swb & 0x10 ? 'kg' : 'lb';
  const value = Number(digits) * factor * (swb & 0x02 ? -1 : 1);
  return reading(value, decimals, unit, (swb & 0x08) === 0);
}

/** Yaohua XK3190 tF=0: XOR of bytes 2–9, each nibble as an ASCII hex digit (0–9, A–F). */
export function yaohuaCheck(bytes: Uint8Array): [number, number] {
  let x = 0;
  for (const b of bytes) x ^= b;
  const nib = (n: number) => (n <= 9 ? n + 0x30 : n + 0x37);
  return [nib(x >> 4), nib(x & 0x0f)];
}

/**
 * 耀华 Yaohua XK3190-A9/A12/A26, tF=0: `02 ± dddddd p Xh Xl 03` (12 bytes), six digits most
 * significant first, p = decimals from the right (0–4). It does not report stability. The unit is
 * the indicator's (kg unless it was set otherwise).
 */
export function parseYaohua(frame: Uint8Array, unit: WeightUnit): ScaleReading | null {
  if (frame.length !== 12 || frame[0] !== 0x02 || frame[11] !== 0x03) return null;
  const [hi, lo] = yaohuaCheck(frame.subarray(1, 9));
  if (frame[9] !== hi || frame[10] !== lo) return null;
  const sign = frame[1];
  const text = String.fromCharCode(...frame.subarray(2, 9));
  if ((sign !== 0x2b && sign !== 0x2d) || !/^\d{6}[0-4]$/.test(text)) return null;
  const decimals = Number(text[6]);
  const value = (Number(text.slice(0, 6)) / 10 ** decimals) * (sign === 0x2d ? -1 : 1);
  return reading(value, decimals, unit, null);
}

/**
 * 耀华 XK3190 in its other continuous modes (tF≠0): `=` and the display's eight characters in
 * reverse, so 3.000 kg arrives as `=000.3000` and −12.5 as `=5.21000-`. No checksum and no
 * stability flag: a torn or noisy frame is refused by its shape (digits, at most one point, a
 * sign only at the end).
 */
export function parseYaohuaReversed(frame: Uint8Array, unit: WeightUnit): ScaleReading | null {
  if (frame.length !== 9 || frame[0] !== 0x3d) return null;
  const text = String.fromCharCode(...frame.subarray(1)).split('').reverse().join('');
  if (!/^-?(?:\d+\.?\d*|\.\d+)$/.test(text) || text.replace(/[-.]/g, '').length === 0) return null;
  return reading(Number(text), decimalsOf(text), unit, null);
}
