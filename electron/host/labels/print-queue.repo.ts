import type { PrintJob, PrintJobState, PrintQueueSummary } from '#shared/contract/print-queue.contract';
import { msg, type Message } from '#shared/i18n/message';
import { messageFromColumn, messageToColumn } from '../db/message-column';
import type { Db } from '../db/open-database';

type Row = {
  id: string; shipment_id: string; order_ref: string; tracking_no: string; state: PrintJobState; attempts: number;
  next_attempt_at: string | null; error: string | null; printer: string; reprint_of: string | null; voided: 0 | 1; created_at: string; updated_at: string;
};

const toJob = (r: Row): PrintJob => ({
  id: r.id, shipmentId: r.shipment_id, orderRef: r.order_ref, trackingNo: r.tracking_no, state: r.state, attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at, error: messageFromColumn(r.error, msg('printQueue.unreadableError')), printer: r.printer,
  reprintOf: r.reprint_of, voided: r.voided === 1, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** A job with whether its waybill was voided since (at this bench, the 发货 screen or another station). */
const JOB = `SELECT j.*, EXISTS (SELECT 1 FROM shipments s WHERE s.id = j.shipment_id AND s.voided_at IS NOT NULL) AS voided FROM print_jobs j`;
const LIVE = 'NOT EXISTS (SELECT 1 FROM shipments s WHERE s.id = shipment_id AND s.voided_at IS NOT NULL)';

export type NewPrintJob = { id: string; shipmentId: string; orderRef: string; trackingNo: string; reprintOf?: string | null; requestedBy?: string | null; at: string };
export type PrintJobChange = { state: PrintJobState; attempts?: number; nextAttemptAt?: string | null; error?: Message | null; printer?: string; requestedBy?: string | null };

/** The print_jobs table (migration 0006). Writes are the print queue's; call them inside its transactions. */
export function createPrintQueueRepo(db: Db) {
  const q = {
    insert: db.prepare(`INSERT INTO print_jobs (id, kind, shipment_id, order_ref, tracking_no, state, reprint_of, requested_by, created_at, updated_at)
      VALUES (@id, 'waybill', @shipmentId, @orderRef, @trackingNo, 'queued', @reprintOf, @requestedBy, @at, @at)`),
    get: db.prepare(`${JOB} WHERE j.id = ?`),
    // Jobs print in the order they were queued: the oldest waiting job is the head. A voided number never prints.
    head: db.prepare(`${JOB} WHERE j.state = 'queued' AND ${LIVE} ORDER BY j.created_at, j.id LIMIT 1`),
    update: db.prepare(`UPDATE print_jobs SET state = @state, attempts = COALESCE(@attempts, attempts),
      next_attempt_at = CASE WHEN @keepNext = 1 THEN next_attempt_at ELSE @nextAttemptAt END,
      error = CASE WHEN @keepError = 1 THEN error ELSE @error END,
      printer = COALESCE(@printer, printer), requested_by = COALESCE(@requestedBy, requested_by), updated_at = @at WHERE id = @id`),
    open: db.prepare(`${JOB} WHERE j.state IN ('queued', 'sent', 'failed', 'unknown') ORDER BY j.created_at, j.id LIMIT @limit`),
    finished: db.prepare(`${JOB} WHERE j.state IN ('done', 'cancelled') ORDER BY j.updated_at DESC, j.id DESC LIMIT @limit`),
    // A voided waybill's job waits for nothing and needs no one.
    summary: db.prepare(`SELECT COALESCE(SUM(state IN ('queued', 'sent')), 0) AS waiting, COALESCE(SUM(state IN ('failed', 'unknown')), 0) AS needsPacker
      FROM print_jobs WHERE state IN ('queued', 'sent', 'failed', 'unknown') AND ${LIVE}`),
    interrupted: db.prepare(`${JOB} WHERE j.state = 'sent'`),
  };
  return {
    insert(job: NewPrintJob): void {
      q.insert.run({ ...job, reprintOf: job.reprintOf ?? null, requestedBy: job.requestedBy ?? null });
    },
    get: (id: string): PrintJob | null => {
      const row = q.get.get(id) as Row | undefined;
      return row ? toJob(row) : null;
    },
    head: (): PrintJob | null => {
      const row = q.head.get() as Row | undefined;
      return row ? toJob(row) : null;
    },
    update(id: string, change: PrintJobChange, at: string): void {
      q.update.run({
        id, at, state: change.state, attempts: change.attempts ?? null, printer: change.printer ?? null, requestedBy: change.requestedBy ?? null,
        keepNext: change.nextAttemptAt === undefined ? 1 : 0, nextAttemptAt: change.nextAttemptAt ?? null,
        keepError: change.error === undefined ? 1 : 0, error: change.error === undefined ? null : messageToColumn(change.error),
      });
    },
    /** Unfinished jobs (oldest first), then the latest finished ones. */
    list(limit: number): PrintJob[] {
      const open = (q.open.all({ limit }) as Row[]).map(toJob);
      return [...open, ...(q.finished.all({ limit: Math.max(0, limit - open.length) }) as Row[]).map(toJob)];
    },
    summary: (): PrintQueueSummary => q.summary.get() as PrintQueueSummary,
    /** Jobs whose bytes were leaving when the app stopped. */
    interrupted: (): PrintJob[] => (q.interrupted.all() as Row[]).map(toJob),
  };
}
export type PrintQueueRepo = ReturnType<typeof createPrintQueueRepo>;
