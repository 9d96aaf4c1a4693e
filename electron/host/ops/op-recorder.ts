import { AppError } from '#shared/contract/errors';
import type { UserRole } from '#shared/contract/common';
import type { StationRole } from '#shared/contract/hub.contract';
import { msg } from '#shared/i18n/message';
import { entityOf, opLabel, producerOf, roleSuffices, type OpPayload, type OpType, type Producer } from '#shared/ops/index';
import type { Db } from '../db/open-database';
import { newId } from '../db/new-id';
import type { OutboxRepo } from '../db/outbox.repo';
import type { Actor } from '../session/session.service';
import { createWaybillPoolRepo } from '../carriers/waybill-pool.repo';
import { createProviderWaybillsRepo } from '../waybills/provider-waybills.repo';
import { createCatalogRepo } from '../catalog/catalog.repo';
import { createOrdersRepo } from '../orders/orders.repo';
import { createSettingsRepo } from '../settings/settings.repo';
import type { Appliers, ApplyMeta } from './applier';
import { ownWritesQuery } from './applier-deps';
import { validateOpPayload } from './op-validate';
import { createAppliers } from './appliers';
import { createAuthorizedOpsRepo, restsOnAuthority, type AuthorizedOpsRepo } from './authorized-ops.repo';

export type RecordOptions = {
  actor?: Actor | null | undefined;
  at?: string | undefined;
  /** Takes effect here only, no op (still audited): a bench's users before it joins a shop (an admin station publishes them on pairing). */
  local?: boolean | undefined;
};

/**
 * The only way a station records a fact (DESIGN §9): the payload is held to its op module's
 * schema and size cap, the station's role (paired with the hub) or the authoriser's must allow
 * it — refused here at once rather than by the hub after a sync — then its applier gives it
 * effect and the outbox takes the op (and the audit view one that rests on a user's authority),
 * all inside the caller's transaction.
 */
export function createOpRecorder(deps: {
  db: Db; outbox: OutboxRepo; appliers: Appliers; authorized: AuthorizedOpsRepo; stationId: () => string;
  /** This station's role at its hub; null while it works alone. */
  stationRole: () => StationRole | null;
  userRole: (userId: string) => UserRole | null;
}) {
  const { db, outbox, appliers, stationId } = deps;

  const validate = validateOpPayload;

  /** Whose authority an op of `type` needing `need` rests on (null: the station's own role), or a refusal. */
  function authorityFor(type: OpType, need: Producer, actor: Actor | null | undefined): string | null {
    if (need === 'hub') throw new Error(`a station may not record ${type}`);
    // The user whose say this rests on: the authoriser who gave a PIN, else the one logged in.
    const authority = actor ? (actor.authorizerId ?? actor.userId) : null;
    const authorityRole = authority ? deps.userRole(authority) : null;
    const authorizedBy = restsOnAuthority(type, need, authorityRole) ? authority : null;
    const role = deps.stationRole();
    if (role && !roleSuffices(role, need) && authorizedBy === null) {
      // Only the shop's users are an admin's say here, and they are kept at the admin station: said plainly, not "log in as an admin" to an admin.
      if (need === 'admin') throw new AppError('FORBIDDEN', msg('opRefusal.adminStation', { type: opLabel(type), role: msg(`sync.stationRoles.${role}`) }));
      // Says whose say it needs (a 管理员's for a user change, not "a supervisor"), and where it may be done instead.
      const who = { who: msg(`roles.${need}`), station: msg(`sync.stationRoles.${need}`) };
      throw new AppError('FORBIDDEN', msg('opRefusal.stationRole', { type: opLabel(type), role: msg(`sync.stationRoles.${role}`), ...who }));
    }
    return authorizedBy;
  }

  function prepare<T extends OpType>(type: T, payload: OpPayload<T>, authorizedBy: (need: Producer) => string | null) {
    const { parsed, json } = validate(type, payload);
    return { parsed, json, authorizedBy: authorizedBy(producerOf(type, parsed)), entity: entityOf(type, parsed) };
  }

  const ownMeta = (at: string, actor: Actor | null | undefined, json: string): ApplyMeta => ({
    own: true, author: stationId(), hubSeq: null, at, outcome: null, userId: actor?.userId ?? null, json,
  });
  const requireTransaction = (type: string) => {
    if (!db.inTransaction) throw new Error(`${type} must be recorded inside the transaction of the change it describes`);
  };

  return {
    /** Records one op (its effect and its outbox row); returns the payload as recorded. */
    record<T extends OpType>(type: T, payload: OpPayload<T>, options: RecordOptions = {}): OpPayload<T> {
      requireTransaction(type);
      const at = options.at ?? new Date().toISOString();
      const op = prepare(type, payload, (need) => authorityFor(type, need, options.actor));
      const before = op.authorizedBy ? deps.authorized.before(type, op.parsed) : undefined;
      (appliers[type] as Appliers[T]).apply(op.parsed, ownMeta(at, options.actor, op.json));
      // A change kept here only (a bench's users before it joins a shop) is audited all the same: an id of its own, never ordered.
      const opId = options.local ? newId() : outbox.append(type, op.json, { at, entity: op.entity, userId: options.actor?.userId ?? null, authorizedBy: op.authorizedBy });
      if (op.authorizedBy) deps.authorized.recorded({ opId, type, payload: op.parsed, stationId: stationId(), authorizedBy: op.authorizedBy, userId: options.actor?.userId ?? null, at }, before);
      return op.parsed;
    },
    /** Many ops of one type in one transaction (an import); `flush` before the transaction ends. */
    batch<T extends OpType>(type: T, options: RecordOptions = {}) {
      requireTransaction(type);
      const at = options.at ?? new Date().toISOString();
      let rows: ReturnType<OutboxRepo['batch']> | null = null;
      // Asked once per role needed, not once per op: the actor and the station stay the same through a batch.
      const authority = new Map<Producer, string | null>();
      const authorizedBy = (need: Producer): string | null => {
        if (!authority.has(need)) authority.set(need, authorityFor(type, need, options.actor));
        return authority.get(need) ?? null;
      };
      return {
        /** Records one; `unless` sees the op's JSON first and may skip it (an import of an order unchanged). */
        add(payload: OpPayload<T>, unless?: (json: string) => boolean): boolean {
          const { parsed, json } = validate(type, payload);
          return this.addValidated(parsed, json, unless);
        },
        /**
         * Records one already held to its schema by {@link validateOpPayload} (the import's parse
         * worker did it): `json` must be that function's text of `parsed`.
         */
        addValidated(parsed: OpPayload<T>, json: string, unless?: (json: string) => boolean): boolean {
          if (unless?.(json)) return false;
          const op = { parsed, json, authorizedBy: authorizedBy(producerOf(type, parsed)), entity: entityOf(type, parsed) };
          const before = op.authorizedBy ? deps.authorized.before(type, op.parsed) : undefined;
          (appliers[type] as Appliers[T]).apply(op.parsed, ownMeta(at, options.actor, op.json));
          rows ??= outbox.batch(type, at, options.actor?.userId ?? null);
          const opId = rows.add(op.json, op.entity, op.authorizedBy);
          if (op.authorizedBy) deps.authorized.recorded({ opId, type, payload: op.parsed, stationId: stationId(), authorizedBy: op.authorizedBy, userId: options.actor?.userId ?? null, at }, before);
          return true;
        },
        flush: () => rows?.flush(),
      };
    },
  };
}
export type OpRecorder = ReturnType<typeof createOpRecorder>;

/** A user's role as authority at this station: once paired, only the shop's users (ordered by the hub) carry it; a bench's own users stay its own. */
export function userRoleOf(db: Db, paired: () => boolean): (userId: string) => UserRole | null {
  const role = db.prepare('SELECT role FROM users WHERE id = @id AND active = 1 AND (@paired = 0 OR hub_seq IS NOT NULL)').pluck();
  return (id) => (role.get({ id, paired: paired() ? 1 : 0 }) as UserRole | undefined) ?? null;
}

/** The appliers and the recorder over one station database (create-host; tests of one service). */
export function createStationOps(deps: {
  db: Db; outbox: OutboxRepo; stationId: () => string; stationRole: () => StationRole | null; userRole: (userId: string) => UserRole | null;
}) {
  const appliers = createAppliers({
    db: deps.db, stationId: deps.stationId, orders: createOrdersRepo(deps.db), catalog: createCatalogRepo(deps.db), pool: createWaybillPoolRepo(deps.db), providerWaybills: createProviderWaybillsRepo(deps.db),
    settings: createSettingsRepo(deps.db),
    newerOwnWrite: ownWritesQuery(deps.db),
  });
  const authorized = createAuthorizedOpsRepo(deps.db);
  return { appliers, authorized, recorder: createOpRecorder({ ...deps, appliers, authorized }) };
}
