import { currentOpVersion, isKnownOpType, opPayloads, type OpPayload, type OpType } from '#shared/contract/sync-ops.contract';

/**
 * Old stations keep their queued facts: every op version ever written is upcast to the current
 * one, never refused (research/sync.md §7.7). An op from a newer Packdesk (unknown type, or a
 * higher version) is `unknown`: parked, kept, and read again after an upgrade.
 */
type Upcaster = (payload: Record<string, unknown>) => Record<string, unknown>;
const upcasters: Partial<Record<OpType, Record<number, Upcaster>>> = {
  'waybill.pooled': {
    // v1 (Packdesk 0.1) recorded only the count and the first and last number of an import.
    1: (p) => ({ carrierCode: p['carrierCode'], numbers: [...new Set([p['first'], p['last']].filter((n) => typeof n === 'string'))] }),
  },
};

export type ReadOp =
  | { kind: 'known'; type: OpType; payload: OpPayload<OpType> }
  | { kind: 'unknown' }
  | { kind: 'invalid'; reason: string };

export function readOp(type: string, version: number, payload: unknown): ReadOp {
  if (!isKnownOpType(type) || version > currentOpVersion[type]) return { kind: 'unknown' };
  let value = payload;
  for (let v = version; v < currentOpVersion[type]; v++) {
    const up = upcasters[type]?.[v];
    if (!up || typeof value !== 'object' || value === null) return { kind: 'invalid', reason: `${type} v${v} cannot be read` };
    value = up(value as Record<string, unknown>);
  }
  const parsed = opPayloads[type].safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'invalid', reason: `${type}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim() };
  }
  return { kind: 'known', type, payload: parsed.data as OpPayload<OpType> };
}

/** Narrows a read op to one type (for rule tables keyed by type). */
export const payloadOf = <T extends OpType>(_type: T, op: { payload: unknown }): OpPayload<T> => op.payload as OpPayload<T>;
