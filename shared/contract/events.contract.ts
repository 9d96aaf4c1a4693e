import { z } from 'zod';
import { benchStateSchema } from './bench.contract';
import { sessionSchema } from './session.contract';
import { syncStatusSchema } from './sync.contract';

/** Events the host pushes to every connected window. */
export const events = {
  'bench.changed': benchStateSchema,
  'session.changed': sessionSchema,
  'import.progressed': z.object({ phase: z.enum(['reading', 'parsing', 'writing']), done: z.number(), total: z.number() }),
  'orders.changed': z.object({ count: z.number().int() }),
  /** A label job finished (labels print after the shipment is committed, off the scan path). */
  'labels.printed': z.object({
    shipmentId: z.string(),
    trackingNo: z.string(),
    ok: z.boolean(),
    message: z.string(),
    file: z.string().nullable(),
  }),
  /** Sync status changed (online/offline, pending ops, flags). */
  'sync.changed': syncStatusSchema,
} as const;
export type Events = typeof events;
