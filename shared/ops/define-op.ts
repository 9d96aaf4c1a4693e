import type { z } from 'zod';
import type { StationRole } from '../contract/hub.contract';
import type { MessageKey } from '../i18n/catalog';

/** Who may write an op: a station of at least this role, or only the hub itself. */
export type Producer = StationRole | 'hub';

/**
 * Everything the system knows about one op type, declared once (DESIGN §9): its strict schema and
 * size cap (checked at the producing station, at the hub before the op enters the log, and by
 * every station that pulls it), its version and upcasters, who may produce it, and the message keys
 * of the flags it can raise. Its station applier (electron/host/ops) and hub rule
 * (electron/hub/rules) are the only code that gives it effect.
 */
export type OpDefinition<T extends string, S extends z.ZodType> = {
  type: T;
  /** The version written today; every older version has an upcaster. */
  version: number;
  schema: S;
  /** Cap on the payload's JSON text, checked before it is parsed. */
  maxBytes: number;
  /** The lowest station role that may send it; may depend on the payload (a partial shipment needs a supervisor). */
  role: Producer | ((payload: z.output<S>) => Producer);
  /**
   * A station below `role` may still send it when a supervisor or admin user of the shop authorised
   * it at that bench: `payload.authorizedBy` names them and the hub checks they are active with the role.
   */
  authorisable: boolean;
  /** Upcasters by the version they read: upcasters[1] turns a v1 payload into v2. */
  upcasters?: Readonly<Record<number, (payload: Record<string, unknown>) => unknown>>;
  /** The flags (and refusals) this op can cause, as catalog keys. */
  messages?: Readonly<Record<string, MessageKey>>;
  /** The order whose status this op moves (shared/domain/order-lattice), if any. */
  orderOf?: (payload: z.output<S>) => string | null;
  /** The master record it replaces (order:<id>, sku:<code>…): a station's own newer write of it wins locally until the hub orders both. */
  entityOf?: (payload: z.output<S>) => string;
};

/** Keeps the literal role and message keys, so rules read `op.messages.x` as a key and the registry knows hub-only ops. */
export const defineOp = <
  const T extends string,
  S extends z.ZodType,
  const R extends OpDefinition<T, S>['role'],
  const M extends Readonly<Record<string, MessageKey>> = Record<never, MessageKey>,
>(
  definition: OpDefinition<T, S> & { role: R; messages?: M },
): OpDefinition<T, S> & { role: R; messages: M } => ({ messages: {} as M, ...definition });

const rank: Record<StationRole, number> = { packer: 0, supervisor: 1, admin: 2 };
/** A station (or user) of role `have` may do what needs `need`. */
export const roleSuffices = (have: StationRole, need: Producer): boolean => need !== 'hub' && rank[have] >= rank[need];
