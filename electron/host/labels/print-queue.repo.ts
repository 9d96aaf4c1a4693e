import type { PrintJob, PrintJobState, PrintQueueSummary } from '#shared/contract/print-queue.contract';
import { msg, type Message } from '#shared/i18n/message';
import { messageFromColumn, messageToColumn } from '../db/message-column';
import type { Db } from '../db/open-database';

type Row = {
  id: string; kind: PrintJob['kind']; shipment_id: string | null; order_ref: string; tracking_no: string; state: PrintJobState; attempts: number;
  next_attempt_at: string | null; error: string | null; printer: string; reprint_of: string | null; voided: 0 | 1; created_at: string; updated_at: string;
};

const toJob = (r: Row): PrintJob => ({
  id: r.id, kind: r.kind, shipmentId: r.shipment_id, orderRef: r.order_ref, trackingNo: r.tracking_no, state: r.state, attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at, error: messageFromColumn(r.error, msg('printQueue.unreadableError')), printer: r.printer,
  reprintOf: r.reprint_of, voided: r.voided === 1, createdAt: r.created_at, updatedAt: r.updated_at,
});

const COLUMNS = 'order_ref, tracking_no, state, attempts, next_attempt_at, error, printer, reprint_of, requested_by, created_at, updated_at';
/**
 * Every job, a parcel's label or a fetched number's (打单), with whether its waybill was voided since
 * (at this bench, the 发货 screen or another station; a fetched number: its cancel was asked). One
 * queue: the two tables are read as one, oldest first.
 */
const JOBS = `(SELECT id, 'waybill' AS kind, shipment_id, ${COLUMNS},
    EXISTS (SELECT 1 FROM shipments s WHERE s.id = p.shipment_id AND s.voided_at IS NOT NULL) AS voided FROM print_jobs p
  UNION ALL SELECT id, 'fetched', NULL, ${COLUMNS},
    EXISTS (SELECT 1 FROM provider_waybills w WHERE w.tracking_no = f.tracking_no AND w.cancel_state IS NOT NULL) FROM fetched_print_jobs f) j`;
const JOB = `SELECT * FROM ${JOBS}`;
const OPEN = "('queued', 'sent', 'failed', 'unknown')";

export type NewPrintJob = { id: string; shipmentId: string; orderRef: string; trackingNo: string; reprintOf?: string | null; requestedBy?: string | null; at: string };
export type NewFetchedJob = { id: string; orderRef: string; trackingNo: string; reprintOf?: string | null; requestedBy?: string | null; at: string };
export type PrintJobChange = { state: PrintJobState; attempts?: number; nextAttemptAt?: string | null; error?: Message | null; printer?: string; requestedBy?: string | null };

/** The print_jobs and fetched_print_jobs tables (migrations 0006, 0024). Writes are the print queue's; call them inside its transactions. */
export function createPrintQueueRepo(db: Db) {
  const q = {
    insert: db.prepare(`INSERT INTO print_jobs (id, kind, shipment_id, order_ref, tracking_no, state, reprint_of, requested_by, created_at, updated_at)
      VALUES (@id, 'waybill', @shipmentId, @orderRef, @trackingNo, 'queued', @reprintOf, @requestedBy, @at, @at)`),
    insertFetched: db.prepare(`INSERT INTO fetched_print_jobs (id, tracking_no, order_ref, state, reprint_of, requested_by, created_at, updated_at)
      VALUES (@id, @trackingNo, @orderRef, 'queued', @reprintOf, @requestedBy, @at, @at)`),
    get: db.prepare(`${JOB} WHERE j.id = ?`),
    // Jobs print in the order they were queued: the oldest waiting job is the head. A voided number never prints.
    head: db.prepare(`${JOB} WHERE j.state = 'queued' AND j.voided = 0 ORDER BY j.created_at, j.id LIMIT 1`),
    update: (['print_jobs', 'fetched_print_jobs'] as const).map((table) => db.prepare(`UPDATE ${table} SET state = @state, attempts = COALESCE(@attempts, attempts),
      next_attempt_at = CASE WHEN @keepNext = 1 THEN next_attempt_at ELSE @nextAttemptAt END,
      error = CASE WHEN @keepError = 1 THEN error ELSE @error END,
      printer = COALESCE(@printer, printer), requested_by = COALESCE(@requestedBy, requested_by), updated_at = @at WHERE id = @id`)),
    open: db.prepare(`${JOB} WHERE j.state IN ${OPEN} ORDER BY j.created_at, j.id LIMIT @limit`),
    finished: db.prepare(`${JOB} WHERE j.state IN ('done', 'cancelled') ORDER BY j.updated_at DESC, j.id DESC LIMIT @limit`),
    // A voided waybill's job waits for nothing and needs no one.
    summary: db.prepare(`SELECT COALESCE(SUM(state IN ('queued', 'sent')), 0) AS waiting, COALESCE(SUM(state IN ('failed', 'unknown')), 0) AS needsPacker
      FROM ${JOBS} WHERE j.state IN ${OPEN} AND j.voided = 0`),
    interrupted: db.prepare(`${JOB} WHERE j.state = 'sent'`),
    // A fetched number's jobs, newest first: whether one is still open, and the one a reprint repeats.
    ofNumber: db.prepare(`SELECT id, state FROM fetched_print_jobs WHERE tracking_no = ? ORDER BY created_at DESC, id DESC`),
    // A parcel's jobs, newest first: the printed one a reprint from the bench repeats.
    ofShipment: db.prepare(`SELECT id, state FROM print_jobs WHERE shipment_id = ? ORDER BY created_at DESC, id DESC`),
    // Every unfinished job of one number, a parcel's or a fetched one's, oldest first.
    openOfTracking: db.prepare(`${JOB} WHERE j.tracking_no = ? AND j.state IN ${OPEN} ORDER BY j.created_at, j.id`),
  };
  return {
    insert(job: NewPrintJob): void {
      q.insert.run({ ...job, reprintOf: job.reprintOf ?? null, requestedBy: job.requestedBy ?? null });
    },
    insertFetched(job: NewFetchedJob): void {
      q.insertFetched.run({ ...job, reprintOf: job.reprintOf ?? null, requestedBy: job.requestedBy ?? null });
    },
    /** A fetched number's jobs, newest first. */
    ofNumber: (trackingNo: string) => q.ofNumber.all(trackingNo) as { id: string; state: PrintJobState }[],
    /** A parcel's jobs, newest first. */
    ofShipment: (shipmentId: string) => q.ofShipment.all(shipmentId) as { id: string; state: PrintJobState }[],
    /** A number's unfinished jobs (either kind), oldest first. */
    openOfTracking: (trackingNo: string): PrintJob[] => (q.openOfTracking.all(trackingNo) as Row[]).map(toJob),
    get: (id: string): PrintJob | null => {
      const row = q.get.get(id) as Row | undefined;
      return row ? toJob(row) : null;
    },
    head: (): PrintJob | null => {
      const row = q.head.get() as Row | undefined;
      return row ? toJob(row) : null;
    },
    update(id: string, change: PrintJobChange, at: string): void {
      const params = {
        id, at, state: change.state, attempts: change.attempts ?? null, printer: change.printer ?? null, requestedBy: change.requestedBy ?? null,
        keepNext: change.nextAttemptAt === undefined ? 1 : 0, nextAttemptAt: change.nextAttemptAt ?? null,
        keepError: change.error === undefined ? 1 : 0, error: change.error === undefined ? null : messageToColumn(change.error),
      };
      // Ids are unique across both tables: the job is in one of them.
      for (const statement of q.update) if (statement.run(params).changes > 0) return;
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
