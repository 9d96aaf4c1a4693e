import fc from 'fast-check';
import { msg } from '#shared/i18n/message';
import { currentOpVersion, type OpPayload, type OpType, type StationOpType } from '#shared/ops/index';
import { fixtures } from './op-fixtures';

/**
 * Generated hostile ops for the hub (fast-check): valid ops of every type, then broken the ways a
 * faulty or hostile bench breaks them (a field missing, of the wrong type, oversized, or with a
 * control character; an unknown key; a wrong version; a junk payload or envelope).
 */

/** Ops only the hub writes: a station sending a well-formed one is still refused. */
const hubOnly = {
  'flag.raised': (): OpPayload<'flag.raised'> => ({
    flagId: 'f-forged', kind: 'claim.conflict', orderId: null, stationIds: [], opIds: [], message: msg('flagText.claimConflict', { order: '1' }),
  }),
  'waybill.leased': (): OpPayload<'waybill.leased'> => ({ leaseId: 'lease-forged', stationId: 'st-forged', carrierCode: 'YTO', numbers: ['YT1000000000001'] }),
  'waybill.retired': (): OpPayload<'waybill.retired'> => ({ carrierCode: 'YTO', numbers: ['YT1000000000001'], stationId: 'st-forged' }),
} satisfies { [T in Exclude<OpType, StationOpType>]: () => OpPayload<T> };

/** A valid payload of any op type (a new type without one does not compile). */
export const validPayload = (type: OpType): Record<string, unknown> =>
  (Object.hasOwn(hubOnly, type) ? hubOnly[type as keyof typeof hubOnly]() : fixtures[type as keyof typeof fixtures]()) as Record<string, unknown>;

type Path = (string | number)[];

/** Every position in a JSON value (objects' keys and arrays' items), the root excluded. */
function positions(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...at, i], ...positions(v, [...at, i])]);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [[...at, k], ...positions(v, [...at, k])]);
  return [];
}

const DROP = Symbol('drop');
/** A copy of `value` with the position at `path` replaced (or dropped). */
function replaced(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...(value as unknown[])];
    const inner = replaced(copy[head as number], rest, next);
    if (inner === DROP) copy.splice(head as number, 1);
    else copy[head as number] = inner;
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  const inner = replaced(copy[head!], rest, next);
  if (inner === DROP) delete copy[head!];
  else copy[head!] = inner;
  return copy;
}
const at = (value: unknown, path: Path): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);

/** Characters a text field must refuse (and a few it may keep: tab and line breaks in long text). */
export const controlChar = fc.constantFrom('\u0000', '\u0001', '\u0008', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\u202e', '\u2066', '\ufeff', '\ud800', '\udfff', '\n', '\t', '\r');
const withControl = (s: string) => fc.tuple(fc.nat({ max: s.length }), controlChar).map(([i, c]) => s.slice(0, i) + c + s.slice(i));
/** Sizes around the caps: a long field, past an op's own cap, past what an unknown op may park, past any op. */
const bigString = fc.constantFrom(300, 5_000, 70_000, 300_000).map((n) => 'x'.repeat(n));
const wrongValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53, '', ' ', [], {}),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** One way to break a payload. */
function broken(payload: Record<string, unknown>): fc.Arbitrary<unknown> {
  const all = positions(payload);
  const strings = all.filter((p) => typeof at(payload, p) === 'string');
  const arrays = all.filter((p) => Array.isArray(at(payload, p)) && (at(payload, p) as unknown[]).length > 0);
  const objects = all.filter((p) => { const v = at(payload, p); return v !== null && typeof v === 'object' && !Array.isArray(v); });
  const pick = (paths: Path[]) => fc.constantFrom(...(paths.length > 0 ? paths : [[]]));
  return fc.oneof(
    pick(all).map((p) => (p.length === 0 ? payload : replaced(payload, p, DROP))),
    fc.tuple(pick(all), wrongValue).map(([p, v]) => replaced(payload, p, v)),
    pick(strings).chain((p) => withControl(String(at(payload, p) ?? '')).map((s) => replaced(payload, p, s))),
    fc.tuple(pick(strings), bigString).map(([p, s]) => replaced(payload, p, s)),
    fc.tuple(pick(arrays), fc.constantFrom(501, 5_001)).map(([p, n]) => replaced(payload, p, Array(n).fill((at(payload, p) as unknown[] | undefined)?.[0] ?? 0))),
    // An unknown key anywhere (a record such as an audit's detail takes any well-formed one).
    fc.tuple(pick([[], ...objects]), fc.oneof(fc.constantFrom('extra', '__proto__', 'constructor', 'ok'), controlChar.map((c) => `k${c}\u202e`)), wrongValue)
      .map(([p, k, v]) => replaced(payload, p, { ...(at(payload, p) as object), [k]: v })),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

export type HostileOp = { type: string; version: unknown; payload: unknown; opId?: unknown; createdAt?: unknown; authorizedBy?: unknown };

/** A valid op of `type` as this build writes it, or one broken in one way. */
export function hostileOp(type: OpType): fc.Arbitrary<HostileOp> {
  const payload = validPayload(type);
  const version = currentOpVersion(type);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant<HostileOp>({ type, version, payload }) },
    { weight: 5, arbitrary: broken(payload).map((p): HostileOp => ({ type, version, payload: p })) },
    // Older versions run through upcasters; newer ones and odd numbers must not crash anything.
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 1, version - 1, version + 1, 1.5, 1001, '2').map((v): HostileOp => ({ type, version: v, payload })) },
    { weight: 1, arbitrary: fc.record({ type: fc.constantFrom(type, type.toUpperCase(), `${type}\u0000`, 'x', 'pallet.wrapped', ''), version: fc.constant(version), payload: fc.constant(payload) }) },
    { weight: 1, arbitrary: fc.record({ opId: wrongValue, createdAt: wrongValue, authorizedBy: wrongValue }, { requiredKeys: [] }).map((junk) => ({ type, version, payload, ...junk })) },
  );
}

/** JSON a body parser may refuse whole: a key that would reach an object's prototype. */
export function poisoned(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(poisoned);
  if (value === null || typeof value !== 'object') return false;
  const ctor = Object.hasOwn(value, 'constructor') ? (value as { constructor: unknown }).constructor : undefined;
  return Object.hasOwn(value, '__proto__') || (typeof ctor === 'object' && ctor !== null && Object.hasOwn(ctor, 'prototype')) || Object.values(value).some(poisoned);
}

/** An op no push may carry: its place in the sequence is missing or not a positive integer (the whole push is a 400). */
export const junkPlace: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, '1', null, 2 ** 60).map((stationSeq) => ({ stationSeq, opId: 'junk', type: 'sku.saved', version: 1, payload: {} })),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }).filter((o) => !Object.hasOwn(o, 'stationSeq')),
  fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })),
);
