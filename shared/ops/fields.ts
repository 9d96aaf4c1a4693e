import { z } from 'zod';
import type { MessageKey } from '../i18n/catalog';

/**
 * Field types every op schema is built from. Each string is capped and refuses control
 * characters: a NUL that reaches a PostgreSQL text column fails every retry of the push that
 * carries it, and a stray line break in an id breaks files and labels downstream.
 */
// C0/C1 controls, DEL, line/paragraph separators, bidi overrides, the BOM, and a surrogate without
// its other half (it cannot be stored as UTF-8). The second form allows tabs and line breaks.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Anything that might be one of those (surrogates included, paired or not): most text has none,
// and one plain character class is far cheaper than the look-arounds above.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/;

/**
 * Refinement messages are catalog keys, so a refused op's reason renders in the reader's language
 * (zod's own issues map to opProblem.<code>, see op-problem.ts).
 */
export const PROBLEM = {
  control: 'opProblem.control',
  empty: 'opProblem.empty',
  spaces: 'opProblem.spaces',
  format: 'opProblem.format',
} as const satisfies Record<string, MessageKey>;

// One check per string, cheap in the common case: every field of every order of an import is checked.
const clean = (max: number, unsafe: RegExp) =>
  z.string().check((ctx) => {
    const value = ctx.value;
    if (value.length > max) ctx.issues.push({ code: 'too_big', origin: 'string', maximum: max, inclusive: true, input: value });
    else if (SUSPECT.test(value) && unsafe.test(value)) ctx.issues.push({ code: 'custom', message: PROBLEM.control, input: value });
  });

/** One line of text people typed or a platform exported (a name, an address part). */
export const text = (max: number) => clean(max, UNSAFE_LINE);
/** Text that may span lines (a buyer's message, a note). */
export const longText = (max: number) => clean(max, UNSAFE_LINES);
/** Text that must say something. */
export const required = (max: number) => text(max).refine((s) => s.trim() !== '', PROBLEM.empty);
export const requiredLong = (max: number) => longText(max).refine((s) => s.trim() !== '', PROBLEM.empty);

/** Ids made at a station or the hub (UUIDv7, or one derived from one such as `<id>:adjust`). */
export const entityId = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z:_.~-]{0,99}$/, PROBLEM.format);
/** platform:externalId, the same at every station. */
export const orderId = z.string().regex(/^[a-z][a-z0-9_-]{0,19}:[0-9A-Za-z_-]{1,64}$/, PROBLEM.format);
export const skuCode = required(64).refine((s) => s === s.trim(), PROBLEM.spaces);
export const barcode = required(128).refine((s) => s === s.trim(), PROBLEM.spaces);
export const carrierCode = z.string().regex(/^[A-Z0-9_]{1,16}$/, PROBLEM.format);
export const trackingNo = z.string().regex(/^[0-9A-Za-z-]{4,40}$/, PROBLEM.format);
export const isoTime = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, PROBLEM.format);
/** Integers inside a range that keeps sums and SQL columns exact. */
export const int = (min: number, max: number) => z.number().int().min(min).max(max);
export const fen = int(-1e12, 1e12);
export const grams = int(0, 1e8);
/** A position in the hub's log. */
export const hubSeq = int(0, Number.MAX_SAFE_INTEGER);
/** A SHA-256 in hex (content-addressed files, badge hashes). */
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, PROBLEM.format);
