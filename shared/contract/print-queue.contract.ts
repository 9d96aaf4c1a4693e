import { z } from 'zod';
import { messageSchema } from '../i18n/message';
import { procedure } from '../rpc/define';
import { isoDateSchema } from './common';

/**
 * queued: waiting its turn, or for the printer to come back (a transport failure retries by itself).
 * sent: its bytes are leaving. done: printed. failed: the printer refused before any byte left
 * (paper out, head open, paused) or it cannot be printed; Retry prints it once the printer is fixed.
 * unknown: it may or may not be on paper (the connection broke mid-job, the printer reported a
 * fault right after): never sent again without the packer's Reprint. cancelled: not to be printed.
 */
export const printJobStates = ['queued', 'sent', 'done', 'failed', 'unknown', 'cancelled'] as const;
export const printJobStateSchema = z.enum(printJobStates);
export type PrintJobState = z.infer<typeof printJobStateSchema>;

/** waybill: a parcel's label; fetched: a number fetched at 取号, printed before any parcel exists (打单). */
export const printJobKinds = ['waybill', 'fetched'] as const;

export const printJobSchema = z.object({
  id: z.string(),
  kind: z.enum(printJobKinds),
  /** The parcel whose label it is; null for a fetched number's label. */
  shipmentId: z.string().nullable(),
  orderRef: z.string(),
  trackingNo: z.string(),
  state: printJobStateSchema,
  attempts: z.number().int().nonnegative(),
  /** When a job waiting for its printer is tried again; null when it is not waiting. */
  nextAttemptAt: isoDateSchema.nullable(),
  /** Its last failure. */
  error: messageSchema.nullable(),
  printer: z.string(),
  /** The job this one prints again (a reprint the packer asked for). */
  reprintOf: z.string().nullable(),
  /**
   * Its waybill was voided since (a fetched number: cancelled): never printed (again); a queued or
   * failed job only waits to be cancelled.
   */
  voided: z.boolean(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type PrintJob = z.infer<typeof printJobSchema>;

/** What the bench shows at a glance: labels still to print, and jobs that need the packer. */
export const printQueueSummarySchema = z.object({
  waiting: z.number().int().nonnegative(),
  needsPacker: z.number().int().nonnegative(),
});
export type PrintQueueSummary = z.infer<typeof printQueueSummarySchema>;

const jobRef = z.object({ id: z.string().min(1).max(64) });

export const printQueueContract = {
  /** The label queue: unfinished jobs first, then the latest finished ones. */
  'printQueue.list': procedure(
    z.object({ limit: z.number().int().min(1).max(200).default(50) }),
    z.object({ summary: printQueueSummarySchema, jobs: z.array(printJobSchema) }),
  ),
  /** Tries a failed (nothing printed) or waiting job again now. */
  'printQueue.retry': procedure(jobRef, printJobSchema),
  /** Prints a label again that may already be on paper (a done or unknown job); audited. */
  'printQueue.reprint': procedure(jobRef, printJobSchema),
  /** Takes a job out of the queue without printing it. */
  'printQueue.cancel': procedure(jobRef, printJobSchema),
} as const;
