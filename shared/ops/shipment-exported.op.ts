import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, isoTime } from './fields';

/** Parcels per op: a big 批量发货 file goes as several ops, each well under the size cap. */
export const EXPORTED_PER_OP = 2000;

/**
 * Parcels a 批量发货 file answered for, at any bench: every bench stamps them exported, so the
 * next export at another bench does not upload the same numbers again.
 */
export const shipmentExportedOp = defineOp({
  type: 'shipment.exported',
  version: 1,
  schema: z.strictObject({ ids: z.array(entityId).min(1).max(EXPORTED_PER_OP), at: isoTime }),
  maxBytes: 160 * 1024,
  role: 'packer',
  authorisable: false,
});
