import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, required, sha256Hex } from './fields';

/** Parcels one handover may list, each kind; a bigger pickup is closed as two handovers. */
export const HANDOVER_MAX_PARCELS = 1000;

/**
 * The courier took the parcels (交接完成): who signed, and the reconciliation as the closing bench
 * saw it. `accepted` are handed over (their ship time is this op's time); `missing` were printed
 * and expected but not scanned; `intercepted` were kept back because their order turned. The
 * signature is a PNG drawn on screen and the photos webcam pictures, both in the attachment store
 * (they travel to the hub like damage photos).
 */
export const handoverClosedOp = defineOp({
  type: 'handover.closed',
  version: 1,
  schema: z
    .strictObject({
      handoverId: entityId,
      courierName: required(40),
      signatureHash: sha256Hex.nullable(),
      photoHashes: z.array(sha256Hex).max(5),
      accepted: z.array(entityId).max(HANDOVER_MAX_PARCELS),
      missing: z.array(entityId).max(HANDOVER_MAX_PARCELS),
      intercepted: z.array(entityId).max(HANDOVER_MAX_PARCELS),
    })
    .refine((p) => p.signatureHash !== null || p.photoHashes.length > 0, { message: 'opProblem.empty', path: ['signatureHash'] }),
  // Three lists of ids at their caps, with room to spare (OP_MAX_BYTES is 256 KiB).
  maxBytes: 160 * 1024,
  role: 'packer',
  authorisable: false,
  messages: { double: 'flagText.handoverDouble', closedTwice: 'flagText.handoverClosedTwice' },
});
