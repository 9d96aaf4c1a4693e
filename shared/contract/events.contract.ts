import { z } from 'zod';
import { messageSchema } from '../i18n/message';
import { appErrorSchema } from './errors';
import { benchStateSchema, scanResultSchema } from './bench.contract';
import { liveWeightSchema, serialOverviewSchema } from './serial.contract';
import { labelPreviewSchema } from './labels.contract';
import { inboxCountsSchema } from './inbox.contract';
import { printQueueSummarySchema } from './print-queue.contract';
import { sessionSchema } from './session.contract';
import { syncStatusSchema } from './sync.contract';

/**
 * Events the host pushes to connected windows. `bench.changed` goes to every window except the
 * one whose request caused it: that one gets the state in its answer.
 */
export const events = {
  'bench.changed': benchStateSchema,
  'session.changed': sessionSchema,
  'import.progressed': z.object({ phase: z.enum(['reading', 'parsing', 'writing']), done: z.number(), total: z.number() }),
  'orders.changed': z.object({ count: z.number().int() }),
  /**
   * A waybill job finished (labels print after the shipment is committed, off the scan path). It
   * carries the label as rendered, so a completing scan needs no second request for its preview.
   */
  'labels.printed': z.object({
    shipmentId: z.string(),
    trackingNo: z.string(),
    ok: z.boolean(),
    /**
     * Where the label stands: printed; waiting for a printer that is off or unreachable (it prints
     * by itself when the printer is back: no reprint); refused (the packer fixes the printer and
     * reprints); may be on paper; or taken out of the queue.
     */
    state: z.enum(['done', 'waiting', 'failed', 'unknown', 'cancelled']),
    /** Why it failed, as a catalog message; null when it printed. */
    message: messageSchema.nullable(),
    file: z.string().nullable(),
    preview: labelPreviewSchema.nullable(),
  }),
  /** The label queue changed: labels waiting, jobs that need the packer. */
  'printQueue.changed': printQueueSummarySchema,
  /**
   * The bench answered something no window asked for: a code from a serial scanner (the same
   * bench.scan path as the wedge's) or the scale's verdict on a settled parcel. Shown like a scan.
   */
  'bench.scanned': z.object({
    source: z.enum(['serial', 'scale']),
    code: z.string(),
    result: scanResultSchema.nullable(),
    error: appErrorSchema.nullable(),
  }),
  /** Serial ports plugged or unplugged, a configured device connected or lost. */
  'devices.serialChanged': serialOverviewSchema,
  /** The scale's live weight (sent when it changes, not per frame); null when the scale is off line. */
  'scale.weight': liveWeightSchema.nullable(),
  /** A packing slip job finished (slips print off the scan path); a failure names why. */
  'slips.printed': z.object({ orderId: z.string(), orderExternalId: z.string(), ok: z.boolean(), message: messageSchema.nullable(), bytes: z.number().int() }),
  /** The exceptions inbox's open rows changed (the top bar's badge). */
  'inbox.changed': inboxCountsSchema,
  /** Sync status changed (online/offline, pending ops, flags). */
  'sync.changed': syncStatusSchema,
} as const;
export type Events = typeof events;
export type LabelPrinted = z.infer<Events['labels.printed']>;
export type BenchScanned = z.infer<Events['bench.scanned']>;
