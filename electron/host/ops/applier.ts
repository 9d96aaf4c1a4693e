import type { OpOutcome } from '#shared/contract/hub.contract';
import type { OpPayload, OpType } from '#shared/ops/index';

/**
 * How an op reaches this station's tables. `own`: this station recorded it just now (its
 * producing service calls the applier inside its transaction, hub_seq still unknown). Otherwise
 * it was pulled from the hub: written by another station (or the hub) at `hubSeq`.
 */
export type ApplyMeta = {
  own: boolean;
  /** The station that wrote it, or 'hub'. */
  author: string;
  hubSeq: number | null;
  /** When it was recorded (the writer's clock; metadata only). */
  at: string;
  /** accepted or conflict for a pulled entry; null for one recorded here. */
  outcome: Exclude<OpOutcome, 'rejected' | 'parked'> | null;
  /** The user at this bench who did it (own ops only). */
  userId: string | null;
  /** The payload's JSON as recorded (own ops): an applier that hashes it need not serialise it again. */
  json?: string;
};

/**
 * The one piece of station code that gives an op type its effect (DESIGN §9): the producing
 * service calls `apply` for its own op, the log applier calls it for every pulled entry of another
 * station, and `confirm` when this station's own op comes back with its place in the hub's order.
 * `apply` returns what the entry waits for ('order:<id>', 'sku:<code>', 'shipment:<id>') when a
 * record it needs is not here yet; the entry is then kept and tried again later.
 */
export type Applier<T extends OpType> = {
  apply(payload: OpPayload<T>, meta: ApplyMeta): string | void;
  confirm?(payload: OpPayload<T>, meta: ApplyMeta & { hubSeq: number }): void;
  /** The hub refused this station's own op: undo what was only shown optimistically. */
  refused?(payload: OpPayload<T>): void;
};

export type Appliers = { [T in OpType]: Applier<T> };
