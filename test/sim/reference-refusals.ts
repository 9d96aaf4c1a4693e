import { wireOpSchema, type StationRole } from '#shared/contract/hub.contract';
import { jsonBytes, ops, PARKED_MAX_BYTES, producerOf, readOp, roleSuffices, type OpPayload, type ReadOp } from '#shared/ops/index';
import type { ModelInput } from './reference-model';

/**
 * When the hub must refuse a pushed op (issue 7, the op modules in shared/ops), written again
 * from the spec for the reference model: an envelope or payload that fails its schema or size
 * cap, an op type only the hub writes, a role below the op's (unless a shop user with the role,
 * active and known to the hub through user.saved, authorised it where the op allows that), an op
 * id already in the log, and the per-op refusals: a resolution of a flag the hub never raised, a
 * damage report changed after it was recorded, a packer's stock movement naming a parcel that is
 * not its own (or not voided), numbers reported as held that are free in the hub's pool, an audit
 * entry naming an authoriser who is not an active supervisor or admin of the shop.
 */
export type SentOp = {
  stationId: string; stationSeq: number; opId: string; type: string; version: number; payload: unknown; createdAt: string; authorizedBy: string | null;
  /** The payload's JSON as the station kept it (the hub logs JSON.stringify of what it parsed: the same text). */
  payloadText?: string;
};

/** A number the hub set aside when it was restored: free, but never leased again. */
export const QUARANTINED = '(quarantined)';

/** What the refusals depend on, as the model knows it at one point of the hub's history. */
export type RefusalView = {
  /** The role of an active user the hub knows, else null. */
  userRole(userId: string): StationRole | null;
  inLog(opId: string): boolean;
  flagKnown(flagId: string): boolean;
  /** The report as first recorded (canonical JSON), if it was. */
  report(id: string): string | undefined;
  shipmentStation(id: string): string | undefined;
  voided(id: string): boolean;
  /** null: free in the hub's pool; QUARANTINED; a station id; undefined: never heard of. */
  holder(carrierCode: string, number: string): string | null | undefined;
};

/** Why the hub must refuse `op` from a station of `role`, or null when it must take it. */
export function refusalOf(op: SentOp, role: StationRole, view: RefusalView, read: ReadOp = readOp(op.type, op.version, op.payload)): string | null {
  if (!wireOpSchema.safeParse(op).success) return 'its envelope fails the wire schema';
  if (view.inLog(op.opId)) return 'its op id is already in the log';
  if (read.kind === 'unknown') return jsonBytes(op.payload) > PARKED_MAX_BYTES ? 'an unknown op too large to park' : null;
  if (read.kind === 'invalid') return `it fails its schema or size cap (${read.reason.key})`;
  const need = producerOf(read.type, read.payload as never);
  if (need === 'hub') return `only the hub writes ${read.type}`;
  const authoriser = ops[read.type].authorisable && op.authorizedBy !== null ? view.userRole(op.authorizedBy) : null;
  const authority = authoriser && roleSuffices(authoriser, role) ? authoriser : role;
  if (!roleSuffices(authority, need)) return `it needs a ${need} and carries the authority of a ${authority}`;
  switch (read.type) {
    case 'audit.recorded': {
      const { authorizerId } = read.payload as OpPayload<'audit.recorded'>;
      const role = authorizerId === null ? null : view.userRole(authorizerId);
      return authorizerId === null || (role && roleSuffices(role, 'supervisor')) ? null : `its audit entry names ${authorizerId}, no active supervisor of the shop`;
    }
    case 'flag.resolved':
      return view.flagKnown((read.payload as OpPayload<'flag.resolved'>).flagId) ? null : 'it resolves a flag the hub never raised';
    case 'damage.reported': {
      const stored = view.report((read.payload as OpPayload<'damage.reported'>).id);
      return stored !== undefined && stored !== canonical(read.payload) ? 'it changes a recorded damage report' : null;
    }
    case 'stock.delta': {
      const d = read.payload as OpPayload<'stock.delta'>;
      if (roleSuffices(authority, 'supervisor') || d.ref === null) return null;
      const mine = d.cause === 'ship' ? view.shipmentStation(d.ref) === op.stationId : view.voided(d.ref);
      return mine ? null : `a packer's ${d.cause} movement names parcel ${d.ref}, not one of its own`;
    }
    case 'waybill.pooled': {
      const p = read.payload as OpPayload<'waybill.pooled'>;
      return p.source === 'held' && p.numbers.some((n) => view.holder(p.carrierCode, n) === null) ? 'it reports as held numbers free in the hub\'s pool' : null;
    }
    default:
      return null;
  }
}

/** JSON with sorted keys: two encodings of one report compare equal. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Each refused op must be one the rules refuse at the moment the hub decided it. That moment is
 * not in the log, but it lies between the station's logged ops just before and just after it (L
 * and U): what a rule refuses for a record's absence (a flag, a parcel, a free number) it refuses
 * at L too, since records only appear; what it refuses for a record's presence (a report), at U.
 */
export function judgeRefusals(input: Pick<ModelInput, 'log' | 'rejected' | 'sent'>, view: RefusalView, roleOf: (s: string) => StationRole, problems: string[]) {
  const positions = new Map<string, { seq: number; hubSeq: number }[]>();
  for (const e of input.log) if (e.stationSeq !== null) positions.set(e.stationId, [...(positions.get(e.stationId) ?? []), { seq: e.stationSeq, hubSeq: e.hubSeq }]);
  const atL = new Map<number, SentOp[]>();
  const atU = new Map<number, SentOp[]>();
  const justified = new Set<SentOp>();
  const pending: SentOp[] = [];
  for (const r of input.rejected) {
    const op = input.sent(r.stationId, r.stationSeq);
    if (!op) {
      problems.push(`hub_rejected has ${r.stationId}#${r.stationSeq} (${r.type}), which that station never sent`);
      continue;
    }
    if (r.opId !== printable(op.opId, 100) || r.type !== printable(op.type, 64)) problems.push(`hub_rejected ${r.stationId}#${r.stationSeq} keeps ${r.type} ${r.opId}, the station sent ${op.type} ${op.opId}`);
    const mine = positions.get(r.stationId) ?? [];
    const lower = mine.filter((x) => x.seq < r.stationSeq).at(-1)?.hubSeq ?? 0;
    const upper = mine.find((x) => x.seq > r.stationSeq)?.hubSeq ?? Infinity;
    atL.set(lower, [...(atL.get(lower) ?? []), op]);
    atU.set(upper, [...(atU.get(upper) ?? []), op]);
    pending.push(op);
  }
  const judge = (list: SentOp[] | undefined) => {
    for (const op of list ?? []) if (refusalOf(op, roleOf(op.stationId), view) !== null) justified.add(op);
  };
  return {
    /** Right after entry `hubSeq` (0: before the first). */
    at: (hubSeq: number) => judge(atL.get(hubSeq)),
    before: (hubSeq: number) => judge(atU.get(hubSeq)),
    atEnd() {
      judge(atU.get(Infinity));
      for (const op of pending) {
        if (!justified.has(op)) problems.push(`${op.stationId}#${op.stationSeq} ${op.type}: the hub refused it, but no rule refuses it`);
      }
    },
  };
}

/** The hub keeps refused ops' ids and types as printable ASCII (evidence, not data). */
const printable = (v: string, max: number) => v.replace(/[^\x20-\x7e]/g, '?').slice(0, max);
