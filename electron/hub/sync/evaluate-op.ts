import type { OpOutcome, StationRole } from '#shared/contract/hub.contract';
import { msg, type Message } from '#shared/i18n/message';
import { opLabel, ops, PARKED_MAX_BYTES, producerOf, readOp, roleSuffices, type OpPayload, type StationOpType } from '#shared/ops/index';
import { rules } from '../rules/index';
import { ruleContext, type RuleOp } from '../rules/rule-context';
import type { LogWriter } from './hub-log.repo';
import { userRole } from './hub-users.repo';

/** An entry's `authorizedBy` is kept only when it names an active supervisor or admin: the audit view believes it. */
export type Verdict = { outcome: Exclude<OpOutcome, 'rejected'>; reason: Message | null; authorizedBy: string | null } | { outcome: 'rejected'; reason: Message };

export type OpToEvaluate = RuleOp & { type: string; version: number; payload: unknown; bytes: number; authorizedBy: string | null };

/**
 * Decides one op before it enters the log: it must fit its module's size cap and strict schema,
 * come from a station whose role may send it (or name an active supervisor or admin who
 * authorised it there), and pass its domain rule. An op from a newer Packdesk is parked (small
 * ones only). A physical fact that passes these checks is never refused: what is wrong with it
 * becomes a flag.
 */
export async function evaluateOp(w: LogWriter, op: OpToEvaluate): Promise<Verdict> {
  const read = readOp(op.type, op.version, op.payload, op.bytes);
  if (read.kind === 'unknown') {
    if (op.bytes > PARKED_MAX_BYTES) return refuse(msg('opRefusal.tooLargeToPark', { type: opLabel(op.type), bytes: op.bytes, max: PARKED_MAX_BYTES }));
    // Kept as sent: the hub checks it when an upgraded hub evaluates the parked op.
    return { outcome: 'parked', reason: msg('opRefusal.needsUpgrade', { type: opLabel(op.type), version: op.version }), authorizedBy: op.authorizedBy };
  }
  if (read.kind === 'invalid') return refuse(read.reason);
  const type = read.type as StationOpType;
  const payload = read.payload as OpPayload<StationOpType>;
  const need = producerOf(type, payload);
  if (need === 'hub') return refuse(msg('opRefusal.hubOnly', { type: opLabel(type) }));
  const authoriser = ops[type].authorisable && op.authorizedBy ? await userRole(w, op.authorizedBy) : null;
  const authorizedBy = authoriser && roleSuffices(authoriser, 'supervisor') ? op.authorizedBy : null;
  const authority = authoriser && roleSuffices(authoriser, op.role) ? authoriser : op.role;
  if (!roleSuffices(op.role, need)) {
    if (!roleSuffices(authority, need)) {
      return refuse(
        op.authorizedBy && ops[type].authorisable
          ? msg('opRefusal.authoriser', { type: opLabel(type), user: op.authorizedBy })
          : msg('opRefusal.role', { type: opLabel(type), role: msg(`sync.stationRoles.${op.role}`) }),
      );
    }
  }
  const ctx = ruleContext(w, { ...op, authority });
  const rule = rules[type] as (c: typeof ctx, p: typeof payload) => Promise<void | { rejected: Message }>;
  const verdict = await rule(ctx, payload);
  if (verdict) return refuse(verdict.rejected);
  return ctx.raised.length > 0
    ? { outcome: 'conflict', reason: msg('sync.conflictKinds', { kinds: [...new Set(ctx.raised)].join(', ') }), authorizedBy }
    : { outcome: 'accepted', reason: null, authorizedBy };
}

const refuse = (reason: Message): Verdict => ({ outcome: 'rejected', reason });

/** The narrowest role a station is held to when the hub no longer knows it. */
export const UNKNOWN_STATION_ROLE: StationRole = 'packer';
