import { z } from 'zod';
import { defineOp } from './define-op';
import { barcode, entityId } from './fields';

/**
 * What a scan into a handover found. accepted: a printed, live parcel of the handover's carrier,
 * not yet handed over. intercepted (拦截): its order turned cancelled or refund-pending after the
 * label, so it is kept back. The rest are not this handover's to take: a voided label, another
 * carrier's parcel, a number the shop does not know, or one already scanned or handed over.
 */
export const handoverOutcomes = [
  'accepted', 'intercepted', 'unexpected-voided', 'unexpected-carrier', 'unexpected-unknown', 'duplicate',
] as const;
export type HandoverOutcome = (typeof handoverOutcomes)[number];

/** One scan into an open handover, as the bench that scanned it judged it against its last import. */
export const handoverScannedOp = defineOp({
  type: 'handover.scanned',
  version: 1,
  schema: z.strictObject({
    id: entityId,
    handoverId: entityId,
    /** The code as scanned (a number the shop does not know is kept as evidence too). */
    code: barcode,
    shipmentId: entityId.nullable(),
    outcome: z.enum(handoverOutcomes),
  }),
  maxBytes: 1024,
  role: 'packer',
  authorisable: false,
});
