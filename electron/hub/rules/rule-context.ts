import { v7 as uuidv7 } from 'uuid';
import type { StationRole } from '#shared/contract/hub.contract';
import type { Message } from '#shared/i18n/message';
import type { FlagKind, OpPayload, StationOpType } from '#shared/ops/index';
import type { LogWriter } from '../sync/hub-log.repo';

/** The op a rule is deciding on, with the position the hub gave it. */
export type RuleOp = {
  opId: string; stationId: string; stationSeq: number | null; hubSeq: number; role: StationRole;
  /** The user logged in at the station when it was recorded, as the station sent it (its own bench's administrator too): a flag may name them. */
  userId: string | null;
};
/** …and the authority it carries: the station's role, or its authoriser's when that is higher. */
export type AuthorisedOp = RuleOp & { authority: StationRole };

export type FlagDraft = { orderId: string | null; stationIds: readonly string[]; opIds: readonly string[]; message: Message };

export type RuleContext = {
  w: LogWriter;
  op: AuthorisedOp;
  /** Raises a flag every station will pull: a hub-authored log entry right after the op, plus its row. */
  raise(kind: FlagKind, flag: FlagDraft): Promise<void>;
  /** The flag kinds raised while deciding this op (a non-empty list turns `accepted` into `conflict`). */
  raised: FlagKind[];
};

/** A rule records its effect in the projections; it returns only to refuse the op, saying why. */
export type RuleVerdict = void | { rejected: Message };
export type Rule<T extends StationOpType> = (ctx: RuleContext, payload: OpPayload<T>) => Promise<RuleVerdict>;

export function ruleContext(w: LogWriter, op: AuthorisedOp): RuleContext {
  const raised: FlagKind[] = [];
  return {
    w,
    op,
    raised,
    async raise(kind, flag) {
      await raiseFlag(w, kind, flag);
      raised.push(kind);
    },
  };
}

/** A hub-written flag.raised entry and its row in hub_flags. */
export async function raiseFlag(w: LogWriter, kind: FlagKind, flag: FlagDraft): Promise<void> {
  const flagId = uuidv7();
  const stationIds = [...new Set(flag.stationIds)].slice(0, 20);
  const opIds = [...new Set(flag.opIds)].slice(0, 20);
  const hubSeq = w.appendHubEntry('flag.raised', { flagId, kind, orderId: flag.orderId, stationIds, opIds, message: flag.message }, flagId);
  await w.trx
    .insertInto('hub_flags')
    .values({ flag_id: flagId, kind, order_id: flag.orderId, raised_seq: hubSeq, resolved_seq: null, resolution: null })
    .execute();
}

/** An order as people know it in flag texts: the platform's order number, without our 'taobao:' prefix. */
export const shownOrder = (orderId: string) => orderId.replace(/^[a-z0-9_-]+:/i, '');
