import type { WaybillProviderName } from '#shared/domain/e-waybill';
import { msg, type Message } from '#shared/i18n/message';
import type { OpPayload } from '#shared/ops/index';
import { messageFromColumn, messageToColumn } from '../db/message-column';
import type { Db } from '../db/open-database';

export type Routing = OpPayload<'waybill.issued'>['routing'];
export type PrintData = NonNullable<OpPayload<'waybill.issued'>['printData']>;
export type CancelState = 'queued' | 'cancelled' | 'not-found';

/** One issued number as this bench holds it. */
export type ProviderWaybill = {
  trackingNo: string; parentNo: string | null;
  /** 0 for a main number; n for a 子母件's nth child (its parcel n+1). */
  childIndex: number;
  orderId: string; requestKey: string; provider: WaybillProviderName; carrierCode: string;
  routing: Routing; printData: PrintData | null; templateSize: string | null; providerRef: string | null;
  /** 'hub', or the id of the station that fetched it (it holds the account and cancels). */
  issuer: string; issuedAt: string; shipmentId: string | null;
  cancelState: CancelState | null; cancelReason: string | null; cancelAttempts: number; cancelNextAt: string | null; cancelError: Message | null;
  /** Printed before packing (打单拣货): its parcel does not print it again. */
  printedAt: string | null;
};

type Row = {
  tracking_no: string; parent_no: string | null; child_index: number; order_id: string; request_key: string; provider: WaybillProviderName; carrier_code: string;
  routing: string; print_data: string | null; template_size: string | null; provider_ref: string | null; issuer: string; issued_at: string;
  shipment_id: string | null; cancel_state: CancelState | null; cancel_reason: string | null; cancel_attempts: number; cancel_next_at: string | null;
  cancel_error: string | null; printed_at: string | null;
};

const NO_ROUTING: Routing = { sortCode: null, routeCode: null, hubCode: null, hubName: null, originCode: null, destinationCode: null };
const json = <T>(text: string | null, fallback: T): T => {
  try {
    return text === null ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
};
const toWaybill = (r: Row): ProviderWaybill => ({
  trackingNo: r.tracking_no, parentNo: r.parent_no, childIndex: r.child_index, orderId: r.order_id, requestKey: r.request_key, provider: r.provider, carrierCode: r.carrier_code,
  routing: json(r.routing, NO_ROUTING), printData: json<PrintData | null>(r.print_data, null), templateSize: r.template_size, providerRef: r.provider_ref,
  issuer: r.issuer, issuedAt: r.issued_at, shipmentId: r.shipment_id, cancelState: r.cancel_state, cancelReason: r.cancel_reason,
  cancelAttempts: r.cancel_attempts, cancelNextAt: r.cancel_next_at, cancelError: messageFromColumn(r.cancel_error, msg('waybills.unreadable')),
  printedAt: r.printed_at,
});

export type FetchFailure = { orderId: string; provider: WaybillProviderName; kind: string; message: Message; attempts: number; at: string };

/**
 * Numbers issued by e-waybill providers, per order (provider_waybills), and this bench's failed
 * 取号 per order. A number is ready until a parcel takes it or a cancel is asked; it is never ready
 * again after either.
 */
export function createProviderWaybillsRepo(db: Db) {
  const READY = 'shipment_id IS NULL AND cancel_state IS NULL';
  // Its label waits in the label queue, or needs the packer there: printing it again is not 打印已取号面单's to do.
  // A cancel sent on its own: a main number's (its children go with it), or a 子母件 child's left
  // unused while its parent shipped (no cancel asked for the parent to carry it).
  const OWN_CANCEL = `(parent_no IS NULL OR NOT EXISTS (SELECT 1 FROM provider_waybills p WHERE p.tracking_no = provider_waybills.parent_no AND p.cancel_state IS NOT NULL))`;
  const UNQUEUED = `NOT EXISTS (SELECT 1 FROM fetched_print_jobs j WHERE j.tracking_no = provider_waybills.tracking_no AND j.state IN ('queued', 'sent', 'failed', 'unknown'))`;
  const q = {
    insert: db.prepare(`INSERT INTO provider_waybills (tracking_no, parent_no, child_index, order_id, request_key, provider, carrier_code, routing,
        print_data, template_size, provider_ref, issuer, issued_at, shipment_id)
      VALUES (@trackingNo, @parentNo, @childIndex, @orderId, @requestKey, @provider, @carrierCode, @routing, @printData, @templateSize, @providerRef, @issuer, @at,
        (SELECT id FROM shipments WHERE tracking_no = @trackingNo ORDER BY created_at LIMIT 1))
      ON CONFLICT (tracking_no) DO NOTHING`),
    readyMain: db.prepare(`SELECT * FROM provider_waybills WHERE order_id = ? AND parent_no IS NULL AND ${READY} ORDER BY issued_at DESC LIMIT 1`),
    readyChildren: db.prepare(`SELECT * FROM provider_waybills WHERE parent_no = ? AND ${READY} ORDER BY child_index`),
    get: db.prepare('SELECT * FROM provider_waybills WHERE tracking_no = ?'),
    ofOrder: db.prepare('SELECT * FROM provider_waybills WHERE order_id = ? ORDER BY issued_at, parent_no NULLS FIRST, child_index'),
    take: db.prepare('UPDATE provider_waybills SET shipment_id = @shipmentId WHERE tracking_no = @trackingNo AND shipment_id IS NULL'),
    requestCancel: db.prepare(`UPDATE provider_waybills SET cancel_state = 'queued', cancel_reason = @reason, cancel_requested_at = @at
      WHERE (tracking_no = @trackingNo OR parent_no = @trackingNo) AND cancel_state IS NULL`),
    cancelled: db.prepare(`UPDATE provider_waybills SET cancel_state = @outcome, cancelled_at = @at, cancel_next_at = NULL, cancel_error = NULL
      WHERE (tracking_no = @trackingNo OR parent_no = @trackingNo) AND cancel_state IS NOT @outcome`),
    due: db.prepare(`SELECT * FROM provider_waybills WHERE cancel_state = 'queued' AND ${OWN_CANCEL} AND issuer = @issuer
      AND (cancel_next_at IS NULL OR cancel_next_at <= @now) ORDER BY cancel_requested_at LIMIT @limit`),
    attemptFailed: db.prepare('UPDATE provider_waybills SET cancel_attempts = cancel_attempts + 1, cancel_next_at = @nextAt, cancel_error = @error WHERE tracking_no = @trackingNo'),
    markPrinted: db.prepare('UPDATE provider_waybills SET printed_at = coalesce(printed_at, @at) WHERE tracking_no = @trackingNo'),
    readyUnprinted: db.prepare(`SELECT * FROM provider_waybills WHERE ${READY} AND printed_at IS NULL AND ${UNQUEUED} ORDER BY order_id, parent_no NULLS FIRST, child_index LIMIT ?`),
    keysUsed: db.prepare('SELECT count(*) FROM provider_waybills WHERE order_id = ? AND parent_no IS NULL AND cancel_state IS NOT NULL').pluck(),
    counts: db.prepare(`SELECT
        sum(parent_no IS NULL AND ${READY}) AS ready, sum(parent_no IS NULL AND ${READY} AND printed_at IS NULL AND ${UNQUEUED}) AS readyUnprinted,
        sum(shipment_id IS NOT NULL) AS used,
        sum(cancel_state = 'queued' AND ${OWN_CANCEL}) AS cancelQueued, sum(cancel_state IN ('cancelled', 'not-found') AND ${OWN_CANCEL}) AS cancelled
      FROM provider_waybills`),
    queued: db.prepare(`SELECT * FROM provider_waybills WHERE cancel_state = 'queued' AND ${OWN_CANCEL} ORDER BY cancel_requested_at LIMIT ?`),
    setFailure: db.prepare(`INSERT INTO waybill_fetch_failures (order_id, provider, kind, message, attempts, at) VALUES (@orderId, @provider, @kind, @message, 1, @at)
      ON CONFLICT (order_id) DO UPDATE SET provider = excluded.provider, kind = excluded.kind, message = excluded.message, attempts = attempts + 1, at = excluded.at`),
    clearFailure: db.prepare('DELETE FROM waybill_fetch_failures WHERE order_id = ?'),
    failures: db.prepare('SELECT * FROM waybill_fetch_failures ORDER BY at DESC LIMIT ?'),
    failureCount: db.prepare('SELECT count(*) FROM waybill_fetch_failures').pluck(),
  };

  return {
    /** Stores a waybill.issued (its children as rows of their own); a number known already is left alone, one already on a parcel is stored as used. */
    insertIssued(p: OpPayload<'waybill.issued'>, issuer: string): void {
      const base = {
        orderId: p.orderId, requestKey: p.requestKey, provider: p.provider, carrierCode: p.carrierCode, routing: JSON.stringify(p.routing),
        printData: p.printData ? JSON.stringify(p.printData) : null, templateSize: p.templateSize, providerRef: p.providerRef, issuer, at: p.at,
      };
      q.insert.run({ ...base, trackingNo: p.trackingNo, parentNo: null, childIndex: 0 });
      p.childNumbers.forEach((n, i) => {
        const own = p.childPrintData[i] ?? null;
        q.insert.run({ ...base, trackingNo: n, parentNo: p.trackingNo, childIndex: i + 1, printData: own ? JSON.stringify(own) : null });
      });
      q.clearFailure.run(p.orderId);
    },
    /** The order's ready number and its ready 子母件 children, or null. */
    readyFor(orderId: string): { main: ProviderWaybill; children: ProviderWaybill[] } | null {
      const main = q.readyMain.get(orderId) as Row | undefined;
      if (!main) return null;
      return { main: toWaybill(main), children: (q.readyChildren.all(main.tracking_no) as Row[]).map(toWaybill) };
    },
    get: (trackingNo: string) => ((row) => (row ? toWaybill(row) : null))(q.get.get(trackingNo) as Row | undefined),
    ofOrder: (orderId: string) => (q.ofOrder.all(orderId) as Row[]).map(toWaybill),
    /** A parcel took the number (here or at another bench). */
    take: (trackingNo: string, shipmentId: string) => q.take.run({ trackingNo, shipmentId }).changes === 1,
    requestCancel: (trackingNo: string, reason: string, at: string) => q.requestCancel.run({ trackingNo, reason, at }).changes > 0,
    markCancelled: (trackingNo: string, outcome: 'cancelled' | 'not-found', at: string) => q.cancelled.run({ trackingNo, outcome, at }),
    /** Cancels this issuer must send now. */
    dueCancels: (issuer: string, now: string, limit = 50) => (q.due.all({ issuer, now, limit }) as Row[]).map(toWaybill),
    cancelAttemptFailed: (trackingNo: string, error: Message, nextAt: string) => q.attemptFailed.run({ trackingNo, error: messageToColumn(error), nextAt }),
    markPrinted: (trackingNo: string, at: string) => q.markPrinted.run({ trackingNo, at }),
    /** Ready numbers no one printed yet and not in the label queue (what 打印已取号面单 prints), children after their parent. */
    readyUnprinted: (limit: number) => (q.readyUnprinted.all(limit) as Row[]).map(toWaybill),
    /** How many of the order's numbers were cancelled before: the next request key counts past them. */
    keysUsed: (orderId: string) => q.keysUsed.get(orderId) as number,
    counts() {
      const c = q.counts.get() as Record<string, number | null>;
      return { ready: c['ready'] ?? 0, readyUnprinted: c['readyUnprinted'] ?? 0, used: c['used'] ?? 0, cancelQueued: c['cancelQueued'] ?? 0, cancelled: c['cancelled'] ?? 0, failed: q.failureCount.get() as number };
    },
    queuedCancels: (limit = 100) => (q.queued.all(limit) as Row[]).map(toWaybill),
    fetchFailed: (f: Omit<FetchFailure, 'attempts'>) => q.setFailure.run({ ...f, message: messageToColumn(f.message) }),
    clearFailure: (orderId: string) => q.clearFailure.run(orderId),
    failures: (limit = 200): FetchFailure[] =>
      (q.failures.all(limit) as { order_id: string; provider: WaybillProviderName; kind: string; message: string; attempts: number; at: string }[]).map((r) => ({
        orderId: r.order_id, provider: r.provider, kind: r.kind, attempts: r.attempts, at: r.at,
        message: messageFromColumn(r.message, msg('waybills.unreadable')) as Message,
      })),
  };
}
export type ProviderWaybillsRepo = ReturnType<typeof createProviderWaybillsRepo>;
