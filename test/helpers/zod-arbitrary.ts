import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Values shaped the way a zod (v4) schema wants them, at and around its limits: most pass the
 * schema, so the handler behind it runs on them (raw JSON is refused at the door and tests only the
 * door). Strings mix hostile text (control characters, formula triggers, path parts, lone
 * surrogates) with values drawn from the schema's own pattern and with `known` ones (ids of records
 * that exist, so a look-up finds something: all of them, or those for the field being filled);
 * numbers hit their bounds. What a
 * schema does not say (a refinement) may still fail it: that is the door working, not a miss.
 * zod-fast-check covers zod 3 only, hence this small walk over zod 4's public `_zod.def`.
 */
export type KnownValues = readonly string[] | ((field: string) => readonly string[]);

export function arbitraryFor(schema: z.ZodType, known: KnownValues = [], depth = 0, field = ''): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.constant(undefined);
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const inner = (s: unknown, name = field) => arbitraryFor(s as z.ZodType, known, depth + 1, name);
  switch (def.type) {
    case 'string':
      return stringFor(def, typeof known === 'function' ? known(field) : known);
    case 'number':
      return numberFor(def);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'literal':
      return fc.constantFrom(...(def['values'] as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def['entries'] as Record<string, unknown>));
    case 'optional':
      return fc.option(inner(def['innerType']), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(inner(def['innerType']), { nil: null, freq: 3 });
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return inner(def['innerType']);
    case 'pipe':
      return inner(def['in']);
    case 'lazy':
      return inner((def['getter'] as () => unknown)());
    case 'object': {
      const shape = def['shape'] as Record<string, z.ZodType>;
      const required = Object.keys(shape).filter((k) => !['optional', 'default', 'prefault'].includes(typeOf(shape[k]!)));
      return fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, inner(v, k)])), { requiredKeys: required });
    }
    case 'array': {
      const { min, max } = lengths(def);
      return fc.array(inner(def['element']), { minLength: min, maxLength: Math.max(min, Math.min(max, 6)) });
    }
    case 'tuple':
      return fc.tuple(...(def['items'] as unknown[]).map((o) => inner(o)));
    case 'union':
      return fc.oneof(...(def['options'] as unknown[]).map((o) => inner(o)));
    case 'intersection':
      return fc.tuple(inner(def['left']), inner(def['right'])).map(([a, b]) => (isPlain(a) && isPlain(b) ? { ...a, ...b } : a));
    case 'record':
      return fc.dictionary(inner(def['keyType']) as fc.Arbitrary<string>, inner(def['valueType']), { maxKeys: 4 });
    case 'date':
      return fc.date({ noInvalidDate: true });
    default:
      // any, unknown, custom, transform…: whatever JSON a client could send.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

type Def = { type: string; checks?: { _zod: { def: CheckDef } }[]; format?: string; [k: string]: unknown };
type CheckDef = { check: string; minimum?: number; maximum?: number; value?: number | bigint; inclusive?: boolean; format?: string; pattern?: RegExp; length?: number };

const typeOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def.type;
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const checksOf = (def: Def) => (def.checks ?? []).map((c) => c._zod.def);

function lengths(def: Def): { min: number; max: number } {
  let min = 0;
  let max = 5000;
  for (const c of checksOf(def)) {
    if (c.check === 'min_length' && c.minimum !== undefined) min = c.minimum;
    if (c.check === 'max_length' && c.maximum !== undefined) max = c.maximum;
    if (c.check === 'length_equals' && c.length !== undefined) min = max = c.length;
  }
  return { min, max };
}

/** Text a client could type or forge: the kinds of character every boundary has refused at some point. */
const HOSTILE = ['', ' ', '\u0000', '\u202e', '\ud800', '=1+1', '-2', '../../etc/passwd', 'C:\\con', '<script>', '%00', '"\',;', '𠮷😀', '１２３'];

function stringFor(def: Def, known: readonly string[]): fc.Arbitrary<string> {
  const { min, max } = lengths(def);
  const checks = checksOf(def);
  const pattern = checks.find((c) => c.check === 'string_format' && c.format === 'regex')?.pattern;
  const format = def.format ?? checks.find((c) => c.check === 'string_format')?.format;
  const fits = (s: string) => s.length >= min && s.length <= max;
  const generic = fc.oneof(
    fc.constantFrom(...HOSTILE),
    fc.string({ unit: 'binary', minLength: Math.min(min, 40), maxLength: Math.min(max, 40) }),
    fc.constant('9'.repeat(Math.min(max, 300))),
  ).filter(fits);
  const existing = known.filter((k) => fits(k) && (!pattern || pattern.test(k)));
  const withKnown = (a: fc.Arbitrary<string>) => (existing.length > 0 ? fc.oneof({ arbitrary: a, weight: 3 }, { arbitrary: fc.constantFrom(...existing), weight: 2 }) : a);
  if (pattern) return withKnown(fc.oneof({ arbitrary: fc.stringMatching(pattern).filter(fits), weight: 4 }, { arbitrary: generic, weight: 1 }));
  switch (format) {
    case 'datetime':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'date':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'uuid':
    case 'guid':
      return withKnown(fc.uuid());
    case 'email':
      return fc.emailAddress();
    case 'url':
      return fc.webUrl();
    default:
      return withKnown(generic);
  }
}

function numberFor(def: Def): fc.Arbitrary<number> {
  let min = -1e12;
  let max = 1e12;
  let integer = false;
  for (const c of checksOf(def)) {
    if (c.check === 'number_format' && (c.format === 'safeint' || c.format?.startsWith('int') || c.format?.startsWith('uint'))) integer = true;
    if (c.check === 'greater_than' && typeof c.value === 'number') min = c.inclusive ? c.value : c.value + (integer ? 1 : 1e-9);
    if (c.check === 'less_than' && typeof c.value === 'number') max = c.inclusive ? c.value : c.value - (integer ? 1 : 1e-9);
  }
  if (integer) {
    const lo = Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER);
    const hi = Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER);
    const a = Math.max(lo, -(2 ** 31));
    const b = Math.min(hi, 2 ** 31 - 1);
    return a <= b ? fc.oneof(fc.constantFrom(lo, hi), fc.integer({ min: a, max: b })) : fc.constantFrom(lo, hi);
  }
  return fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}
