import { HUB_AUTHOR, type LogEntry } from '#shared/contract/hub.contract';
import { statusAfter } from '#shared/domain/order-lattice';
import { msg, type Message } from '#shared/i18n/message';
import { opLabel, orderOf, producerOf, readOp, type OpPayload, type OpType } from '#shared/ops/index';
import { inBulkSlice, type Db } from '../db/open-database';
import type { Appliers, ApplyMeta } from '../ops/applier';
import type { AuthorizedOpsRepo } from '../ops/authorized-ops.repo';
import type { OrdersRepo } from '../orders/orders.repo';
import type { SyncMetaRepo } from './sync-meta.repo';
import { createSyncLogRepo } from './sync-log.repo';

/** An entry this version cannot apply at all (it fails its schema, or applying it failed). */
class Unapplicable extends Error {
  constructor(readonly reason: Message) {
    super(reason.key);
  }
}

const ENTITY_ID = /^[0-9A-Za-z][0-9A-Za-z:_.~-]{0,99}$/;

/**
 * Applies pulled log entries to this station's tables, in hub order, together with the cursor in
 * one transaction (a crash re-applies the whole page or none of it; applying twice is a no-op).
 * Each entry goes through its op module's schema and its applier inside a savepoint. Own ops
 * already took effect when they were recorded: their entries only confirm them. An entry that
 * needs a record this station does not have yet waits and is retried after every page; one from a
 * newer Packdesk waits for an upgrade; one that cannot be applied at all is kept with its reason
 * and a local flag. None is dropped, and no entry can stop this station's sync.
 */
export function createLogApplier(deps: {
  /** This station's id, read when needed: a PC that replaces a lost one takes over its id. */
  db: Db; stationId: () => string; meta: SyncMetaRepo; orders: OrdersRepo; appliers: Appliers; authorized: AuthorizedOpsRepo; log: (line: string) => void;
}) {
  const { db, stationId, meta, orders, appliers } = deps;
  const r = createSyncLogRepo(db);

  /** Returns what the entry waits for, or null once it has taken effect. */
  function applyOne(e: LogEntry): string | null {
    // Own: recorded in this outbox. An entry under this id that is not (the ops of a PC this one
    // replaced, see adopt-station.ts) never took effect here and applies like another station's.
    const own = e.stationId === stationId() && r.isOwnOp(e.opId);
    if (own) r.confirmOwn(e);
    // Older hubs kept refused ops in the log: they never count.
    if (e.outcome === 'rejected') return null;
    const op = readOp(e.type, e.version, e.payload);
    if (op.kind === 'unknown') return 'upgrade';
    if (op.kind === 'invalid') throw new Unapplicable(op.reason);
    const type = op.type;
    const payload = op.payload as OpPayload<OpType>;
    const need = producerOf(type, payload);
    // Flags and leases count only when the hub wrote them.
    if (need === 'hub' && e.stationId !== HUB_AUTHOR) throw new Unapplicable(msg('opRefusal.hubOnly', { type: opLabel(type) }));
    const m: ApplyMeta & { hubSeq: number } = {
      own, author: e.stationId, hubSeq: e.hubSeq, at: e.createdAt, outcome: e.outcome === 'conflict' ? 'conflict' : 'accepted', userId: e.userId,
    };
    const applier = appliers[type] as { apply(p: unknown, m: ApplyMeta): string | void; confirm?(p: unknown, m: ApplyMeta & { hubSeq: number }): void };
    // What the audit line says changed (a user's save) is read against this bench's state before the op.
    const before = e.authorizedBy !== null && !own ? deps.authorized.before(type, payload) : undefined;
    if (own) applier.confirm?.(payload, m);
    else {
      const waitsFor = applier.apply(payload, m);
      if (typeof waitsFor === 'string') return waitsFor;
    }
    if (e.authorizedBy !== null) {
      if (own) deps.authorized.ordered(e.opId, e.hubSeq);
      else deps.authorized.pulled({ ...e, authorizedBy: e.authorizedBy }, type, payload, need, before);
    }
    // Every replica folds the lattice in hub order, own ops included (a reopen too), or they diverge.
    const orderId = orderOf(type, payload);
    if (orderId) {
      const current = orders.status(orderId);
      const next = current && statusAfter(current, type, payload as { platformStatus?: unknown });
      if (current && next && next !== current) orders.setStatus(orderId, next);
    }
    return null;
  }
  // A savepoint per entry: one that throws leaves nothing half applied.
  const guarded = db.transaction((e: LogEntry) => applyOne(e));

  /** Applies, or keeps the entry with why it waits; returns true when it took effect. */
  function settle(e: LogEntry): boolean {
    try {
      const waitsFor = guarded(e);
      if (waitsFor === null) return true;
      r.park(e, waitsFor);
    } catch (error) {
      const reason = error instanceof Unapplicable ? error.reason : msg('sync.applyFailed', { error: String(error).slice(0, 300) });
      deps.log(`sync: log entry ${e.hubSeq} (${e.type}) cannot be applied here: ${JSON.stringify(reason)}`);
      r.park(e, 'unapplicable', reason);
      raiseLocalFlag(e, reason);
    }
    return false;
  }

  /** A flag only this bench holds: the supervisor here sees that an entry is kept and not applied. */
  function raiseLocalFlag(e: LogEntry, reason: Message): void {
    appliers['flag.raised'].apply(
      {
        flagId: `local:${e.hubSeq}`, kind: 'sync.entry-unapplied', orderId: null,
        stationIds: ENTITY_ID.test(e.stationId) ? [e.stationId] : [], opIds: ENTITY_ID.test(e.opId) ? [e.opId] : [],
        message: msg('flagText.entryUnapplied', { hubSeq: e.hubSeq, type: opLabel(e.type), reason }),
      },
      { own: true, author: stationId(), hubSeq: e.hubSeq, at: new Date().toISOString(), outcome: null, userId: null },
    );
  }

  const retryWaiting = (all: boolean) => {
    for (const { hubSeq, entry } of r.waiting(all)) {
      try {
        const waitsFor = guarded(entry);
        if (waitsFor === null) r.unpark(hubSeq);
        else r.park(entry, waitsFor);
      } catch {
        // Still cannot be applied: it stays kept as it was.
      }
    }
  };

  const page = (entries: readonly LogEntry[], upto: number) => {
    let changed = false;
    for (const e of entries) {
      // After a hub restore the same op comes back under a new hub_seq: confirm it, apply it once.
      if (r.isApplied(e.opId)) {
        if (e.stationId === stationId() && r.isOwnOp(e.opId)) r.confirmOwn(e);
        if (e.authorizedBy !== null) deps.authorized.ordered(e.opId, e.hubSeq);
        continue;
      }
      settle(e);
      r.markApplied(e.opId, e.hubSeq);
      changed = true;
    }
    if (changed && r.waitingCount() > 0) retryWaiting(false);
    meta.setCursor(upto);
  };
  const retry = db.transaction(() => retryWaiting(true));

  return {
    /**
     * Applies one pulled page and moves the cursor to `upto`, atomically; committed without its own
     * fsync (inBulkSlice): a page a power cut takes back is pulled again, and the next scan's commit
     * syncs it. An fsync per page held the bench's scans behind each one.
     */
    applyPage: (entries: readonly LogEntry[], upto: number) => inBulkSlice(db, () => page(entries, upto)),
    /** After an upgrade: every kept entry is tried again. */
    retryParked: () => retry.immediate(),
    parkedCount: () => r.waitingCount(),
  };
}
export type LogApplier = ReturnType<typeof createLogApplier>;
