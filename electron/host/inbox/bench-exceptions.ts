import type { PrintJob } from '#shared/contract/print-queue.contract';
import { decodeMessage, msg, type Message } from '#shared/i18n/message';
import { newId } from '../db/new-id';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';

/**
 * What a bench meets that every supervisor should see (bench.exception): a weight outside the
 * tolerance, a label refused or perhaps not printed. Recorded in the transaction of the change
 * that shows it at the bench.
 */
export function createBenchExceptions(db: Db, recorder: OpRecorder, stationId: () => string) {
  const q = {
    open: db.prepare('SELECT 1 FROM bench_exceptions WHERE id = ? AND cleared_at IS NULL').pluck(),
    // The order's latest weight mismatch from any bench that no supervisor resolved, raised since its
    // last live parcel left (that parcel was let out by a supervisor, or shipped partial).
    heldWeight: db.prepare(`SELECT e.id, e.station_id, e.detail FROM bench_exceptions e
      WHERE e.kind = 'weight.mismatch' AND e.order_id = @orderId AND e.cleared_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM inbox_resolutions ir WHERE ir.key = 'exception:' || e.id)
        AND e.at > coalesce((SELECT max(s.created_at) FROM shipments s WHERE s.order_id = @orderId AND s.voided_at IS NULL), '')
      ORDER BY e.at DESC LIMIT 1`),
    orderOf: db.prepare('SELECT order_id FROM shipments WHERE id = ?').pluck(),
    orderOfNumber: db.prepare('SELECT order_id FROM provider_waybills WHERE tracking_no = ?').pluck(),
  };
  const record = (p: { id: string; kind: 'weight.mismatch' | 'print.failed'; state: 'open' | 'cleared'; orderId: string | null; trackingNo: string | null; ref: string | null; message: Message }) =>
    inTransaction(db, () => recorder.record('bench.exception', { ...p, at: new Date().toISOString() }));
  const heldWeight = (orderId: string) => q.heldWeight.get({ orderId }) as { id: string; station_id: string; detail: string } | undefined;
  return {
    /** Raised again for the same parcel, this bench's open row takes the newer evidence instead of a second row. */
    weightMismatch(orderId: string, message: Message): void {
      const held = heldWeight(orderId);
      const id = held && held.station_id === stationId() ? held.id : newId();
      record({ id, kind: 'weight.mismatch', state: 'open', orderId, trackingNo: null, ref: null, message });
    },
    /**
     * A supervisor accepted the weight at the bench (audited there): the order's open row says so,
     * in every inbox, and stays for a supervisor to close (the parcel left at a weight that did not match).
     */
    weightAccepted(orderId: string, message: Message): void {
      const held = heldWeight(orderId);
      if (held) record({ id: held.id, kind: 'weight.mismatch', state: 'open', orderId, trackingNo: null, ref: null, message });
    },
    /** The weight (grams) of a mismatch the order still has open in the inbox, or null: it holds the order. */
    heldWeightG(orderId: string): number | null {
      const held = heldWeight(orderId);
      if (!held) return null;
      const weight = decodeMessage(held.detail).params?.['weight'];
      return typeof weight === 'number' && Number.isInteger(weight) && weight >= 0 ? weight : 0;
    },
    /** A label job changed state (inside the queue's transaction): refused or unknown raises it, printed or cancelled afterwards clears it. */
    printJob(job: PrintJob): void {
      const id = `print:${job.id}`;
      // A fetched number's label (打单) has no parcel yet: its order is the number's.
      const orderId = ((job.shipmentId === null ? q.orderOfNumber.get(job.trackingNo) : q.orderOf.get(job.shipmentId)) as string | undefined) ?? null;
      const base = { id, kind: 'print.failed' as const, orderId, trackingNo: job.trackingNo.slice(0, 60), ref: job.id };
      if (job.state === 'failed' || job.state === 'unknown') {
        const reason = job.error ?? msg('printQueue.unreadableError');
        const message = msg(job.state === 'failed' ? 'inbox.evidence.printFailed' : 'inbox.evidence.printUnknown', { trackingNo: job.trackingNo, order: job.orderRef, reason });
        record({ ...base, state: 'open', message });
      } else if ((job.state === 'done' || job.state === 'cancelled') && q.open.get(id) !== undefined) {
        record({ ...base, state: 'cleared', message: msg(job.state === 'done' ? 'inbox.evidence.printedAfterAll' : 'inbox.evidence.printCancelled', { trackingNo: job.trackingNo }) });
      }
    },
  };
}
export type BenchExceptions = ReturnType<typeof createBenchExceptions>;
