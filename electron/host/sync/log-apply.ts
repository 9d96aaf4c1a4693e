import { hash } from 'node:crypto';
import { HUB_AUTHOR, type LogEntry } from '#shared/contract/hub.contract';
import type { ImportedOrder } from '#shared/contract/orders.contract';
import { hubOnlyOps, type OpPayload, type OpType } from '#shared/contract/sync-ops.contract';
import { statusAfter } from '#shared/domain/order-lattice';
import { readOp } from '#shared/domain/op-upcast';
import { shipBlockReason } from '#shared/domain/order-status';
import type { Db } from '../db/open-database';
import type { OrdersRepo } from '../orders/orders.repo';
import type { CatalogRepo } from '../catalog/catalog.repo';
import type { WaybillPoolRepo } from '../carriers/waybill-pool.repo';
import { createLogApplyRepo } from './log-apply.repo';
import type { SyncMetaRepo } from './sync-meta.repo';

/** An effect returns a string when the entry must wait for that record (order:<id>, sku:<code>). */
type Apply = { [T in OpType]?: (payload: OpPayload<T>, entry: LogEntry) => unknown };

/**
 * Applies pulled log entries to this station's tables, in hub order, together with the cursor in
 * one transaction (a crash re-applies the whole page or none of it; applying twice is a no-op).
 * Own ops already took effect when they were recorded: their entries only confirm them. An entry
 * that needs a record this station does not have yet waits (returns what it waits for) and is
 * retried after every page; one from a newer Packdesk waits for an upgrade. Neither is dropped.
 */
export function createLogApplier(deps: {
  db: Db; stationId: string; meta: SyncMetaRepo; orders: OrdersRepo; catalog: CatalogRepo; pool: WaybillPoolRepo;
}) {
  const { db, stationId, meta, orders, catalog, pool } = deps;
  const r = createLogApplyRepo(db);

  const bumpStatus = (orderId: string, type: string, payload: { platformStatus?: unknown }) => {
    const current = orders.status(orderId);
    if (!current) return;
    const next = statusAfter(current, type, payload);
    if (next !== current) orders.setStatus(orderId, next);
  };

  // Effects of other stations' ops (and of the hub's own entries) on this station's tables.
  const apply: Apply = {
    'order.imported': (p, e) => {
      if (r.hasNewerOwnWrite(`order:${p.id}`, e.hubSeq)) return;
      const order = p as unknown as ImportedOrder & { id: string; shipDeadline: string | null };
      const contentHash = hash('sha1', JSON.stringify(p), 'base64');
      const stored = orders.stored(order.id);
      if (stored?.content_hash === contentHash) return;
      const blocked = shipBlockReason(order.platformStatus, order.lines);
      orders.write(order, { id: order.id, shipDeadline: order.shipDeadline, blockedReason: blocked?.message ?? null, contentHash, at: e.createdAt }, stored !== undefined);
    },
    'order.claimed': (p, e) => {
      if (e.outcome === 'accepted') r.confirmClaim(p.orderId, e.stationId, p.claimId, e.hubSeq);
    },
    'scan.recorded': (p) => r.insertScan(p),
    'shipment.created': (p, e) => {
      if (!orders.stored(p.orderId)) return `order:${p.orderId}`;
      r.insertShipment(p, e.stationId);
      // A number another station used is never used here, even if it also sits in this pool.
      r.retireNumber(p.trackingNo, 'used', p.id);
      orders.refreshPackState(p.orderId, p.at);
    },
    'shipment.printed': (p) => r.markPrinted(p.id, p.at),
    'shipment.voided': (p) => {
      // A void can come before its parcel (voided at another station, the hub restored): it waits.
      if (!r.hasShipment(p.id)) return `shipment:${p.id}`;
      const orderId = r.voidShipment(p.id, p.reason, p.at);
      if (orderId) orders.refreshPackState(orderId, p.at);
    },
    'stock.delta': (p, e) => r.insertStock(p, e),
    'sku.saved': (p, e) => {
      if (r.hasNewerOwnWrite(`sku:${p.code}`, e.hubSeq)) return;
      catalog.save(p as Parameters<CatalogRepo['save']>[0], e.createdAt);
    },
    'barcode.bound': (p, e) => {
      if (!catalog.exists(p.skuCode)) return `sku:${p.skuCode}`;
      if (!r.hasNewerOwnWrite(`barcode:${p.barcode}`, e.hubSeq)) catalog.bindBarcode(p.barcode, p.skuCode, p.units);
    },
    // Numbers another station imported or leased are its own: retire any copy of them here.
    'waybill.pooled': (p) => p.numbers.forEach((n) => r.retireNumber(n, 'void', null)),
    'waybill.leased': (p, e) => {
      if (p.stationId === stationId) pool.addLeased(p.carrierCode, p.numbers, p.leaseId, e.createdAt);
      else p.numbers.forEach((n) => r.retireNumber(n, 'void', null));
    },
    'audit.recorded': (p) => r.insertAudit(p),
    'damage.reported': (p, e) => r.insertDamage(p, e),
    'damage.decided': (p, e) => r.insertDecision(p, e),
    'flag.raised': (p, e) => r.insertFlag(p, e),
    'flag.resolved': (p, e) => {
      // The first resolution in hub order stands; this station's own shows only until an earlier one arrives.
      if (r.isResolved(p.flagId) && !r.hasNewerOwnWrite(`flag:${p.flagId}`, e.hubSeq)) return;
      r.resolveFlag(p.flagId, p.resolution, e.createdAt);
    },
  };

  /** Returns what the entry waits for, or null once it has taken effect. */
  function applyOne(e: LogEntry): string | null {
    // Own: recorded in this outbox. An entry under this id that is not (the ops of a PC this one
    // replaced, see adopt-station.ts) never took effect here and applies like another station's.
    const own = e.stationId === stationId && r.isOwnOp(e.opId);
    if (own) r.confirmOwn(e.opId, e.hubSeq, e.outcome, e.reason);
    if (e.outcome === 'rejected') {
      // A resolution this station showed at once but the hub refused: the flag is open again.
      if (own && e.type === 'flag.resolved') r.reopenFlag((e.payload as { flagId: string }).flagId);
      return null;
    }
    const op = readOp(e.type, e.version, e.payload);
    if (op.kind === 'unknown') return 'upgrade';
    if (op.kind === 'invalid') return null;
    // Flags and leases count only when the hub wrote them (the hub rejects forged ones too).
    if (hubOnlyOps.includes(op.type) && e.stationId !== HUB_AUTHOR) return null;
    const payload = op.payload as Record<string, unknown>;
    const orderId = typeof payload['orderId'] === 'string' ? payload['orderId'] : op.type === 'order.imported' ? (payload['id'] as string) : null;
    if (!own) {
      const waitsFor = (apply[op.type] as ((p: unknown, e: LogEntry) => unknown) | undefined)?.(op.payload, e);
      if (typeof waitsFor === 'string') return waitsFor;
    } else if (op.type === 'order.claimed' && e.outcome === 'accepted') {
      r.confirmClaim(payload['orderId'] as string, stationId, payload['claimId'] as string, e.hubSeq);
    } else if (op.type === 'stock.delta') {
      r.confirmStock(payload['id'] as string, e.hubSeq);
    } else if (op.type === 'damage.decided') {
      r.confirmDecision(payload['id'] as string, e.hubSeq);
    } else if (op.type === 'flag.resolved' && !r.isResolved(payload['flagId'] as string)) {
      // Shown when it was recorded; here again when the flags were rebuilt after a hub restore.
      r.resolveFlag(payload['flagId'] as string, payload['resolution'] as string, e.createdAt);
    }
    // Every replica folds the lattice in hub order, own ops included (a reopen too), or they diverge.
    if (orderId) bumpStatus(orderId, op.type, payload);
    return null;
  }

  const retryWaiting = () => {
    for (const { hubSeq, entry } of r.waiting()) {
      const waitsFor = applyOne(entry);
      if (waitsFor === null) r.unpark(hubSeq);
      else r.park(entry, waitsFor);
    }
  };

  const page = db.transaction((entries: readonly LogEntry[], upto: number) => {
      let changed = false;
      for (const e of entries) {
        // After a hub restore the same op comes back under a new hub_seq: confirm it, apply it once.
        if (r.isApplied(e.opId)) {
          if (e.stationId === stationId) r.confirmOwn(e.opId, e.hubSeq, e.outcome, e.reason);
          continue;
        }
        const waitsFor = applyOne(e);
        if (waitsFor !== null) r.park(e, waitsFor);
        r.markApplied(e.opId, e.hubSeq);
        changed = true;
      }
      if (changed && r.waitingCount() > 0) retryWaiting();
      meta.setCursor(upto);
  });
  const retry = db.transaction(() => retryWaiting());

  return {
    /** Applies one pulled page and moves the cursor to `upto`, atomically. */
    applyPage: (entries: readonly LogEntry[], upto: number) => page.immediate(entries, upto),
    /** After an upgrade: entries parked for a newer version are tried again. */
    retryParked: () => retry.immediate(),
    parkedCount: () => r.waitingCount(),
  };
}
export type LogApplier = ReturnType<typeof createLogApplier>;
