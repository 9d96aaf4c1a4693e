import { v7 as uuidv7 } from 'uuid';
import type { StationRole } from '#shared/contract/hub.contract';
import type { FlagKind, OpPayload, OpType } from '#shared/contract/sync-ops.contract';
import type { LogWriter } from '../sync/hub-log.repo';

/** The op a rule is deciding on, with the position the hub gave it. */
export type RuleOp = { opId: string; stationId: string; stationSeq: number | null; hubSeq: number; role: StationRole };

export type FlagDraft = { orderId: string | null; stationIds: readonly string[]; opIds: readonly string[]; detail: string };

export type RuleContext = {
  w: LogWriter;
  op: RuleOp;
  /** Raises a flag every station will pull: a hub-authored log entry right after the op, plus its row. */
  raise(kind: FlagKind, flag: FlagDraft): Promise<void>;
  /** The flag kinds raised while deciding this op (a non-empty list turns `accepted` into `conflict`). */
  raised: FlagKind[];
};

/** A rule records its effect in the projections; it returns only to refuse the op. */
export type RuleVerdict = void | { rejected: string };
export type Rule<T extends OpType> = (ctx: RuleContext, payload: OpPayload<T>) => Promise<RuleVerdict>;

export function ruleContext(w: LogWriter, op: RuleOp): RuleContext {
  const raised: FlagKind[] = [];
  return {
    w,
    op,
    raised,
    async raise(kind, flag) {
      const flagId = uuidv7();
      const stationIds = [...new Set(flag.stationIds)];
      const opIds = [...new Set(flag.opIds)];
      const hubSeq = w.appendHubEntry('flag.raised', { flagId, kind, orderId: flag.orderId, stationIds, opIds, detail: flag.detail }, flagId);
      await w.trx
        .insertInto('hub_flags')
        .values({ flag_id: flagId, kind, order_id: flag.orderId, raised_seq: hubSeq, resolved_seq: null, resolution: null })
        .execute();
      raised.push(kind);
    },
  };
}

/** An order as people know it in flag texts: the platform's order number, without our 'taobao:' prefix. */
export const shownOrder = (orderId: string) => orderId.replace(/^[a-z0-9_-]+:/i, '');
