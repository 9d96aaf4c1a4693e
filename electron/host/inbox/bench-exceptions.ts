import type { PrintJob } from '#shared/contract/print-queue.contract';
import { msg, type Message } from '#shared/i18n/message';
import { newId } from '../db/new-id';
import { inTransaction, type Db } from '../db/open-database';
import type { OpRecorder } from '../ops/op-recorder';

/**
 * What a bench meets that every supervisor should see (bench.exception): a weight outside the
 * tolerance, a label refused or perhaps not printed. Recorded in the transaction of the change
 * that shows it at the bench.
 */
export function createBenchExceptions(db: Db, recorder: OpRecorder) {
  const q = {
    open: db.prepare('SELECT 1 FROM bench_exceptions WHERE id = ? AND cleared_at IS NULL').pluck(),
    orderOf: db.prepare('SELECT order_id FROM shipments WHERE id = ?').pluck(),
  };
  const record = (p: { id: string; kind: 'weight.mismatch' | 'print.failed'; state: 'open' | 'cleared'; orderId: string | null; trackingNo: string | null; ref: string | null; message: Message }) =>
    inTransaction(db, () => recorder.record('bench.exception', { ...p, at: new Date().toISOString() }));
  return {
    weightMismatch(orderId: string, message: Message): void {
      record({ id: newId(), kind: 'weight.mismatch', state: 'open', orderId, trackingNo: null, ref: null, message });
    },
    /** A label job changed state (inside the queue's transaction): refused or unknown raises it, printed or cancelled afterwards clears it. */
    printJob(job: PrintJob): void {
      const id = `print:${job.id}`;
      const orderId = (q.orderOf.get(job.shipmentId) as string | undefined) ?? null;
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
