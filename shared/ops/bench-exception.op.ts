import { z } from 'zod';
import { messageSchema } from '../i18n/message';
import { defineOp } from './define-op';
import { entityId, isoTime, orderId, text } from './fields';

/**
 * Exceptions a bench meets that a supervisor anywhere in the shop must see: a parcel weighed
 * outside its tolerance, a label the printer refused or may not have printed. The station's print
 * queue and scale stay its own; this op carries the fact, with its evidence as a message.
 */
export const benchExceptionKinds = ['weight.mismatch', 'print.failed'] as const;
export type BenchExceptionKind = (typeof benchExceptionKinds)[number];

/**
 * `open` raises it (again, with newer evidence); `cleared` says the bench put it right by itself
 * (the label printed after all, or the packer cancelled the job): it leaves every inbox.
 */
export const benchExceptionOp = defineOp({
  type: 'bench.exception',
  version: 1,
  schema: z.strictObject({
    id: entityId,
    kind: z.enum(benchExceptionKinds),
    state: z.enum(['open', 'cleared']),
    orderId: orderId.nullable(),
    /** The parcel's tracking number as the bench knows it (a print job's). */
    trackingNo: text(60).nullable(),
    /** What it is about at the bench (a print job's id). */
    ref: entityId.nullable(),
    /** The evidence: the weights, the printer's answer. */
    message: messageSchema,
    at: isoTime,
  }),
  maxBytes: 8192,
  role: 'packer',
  authorisable: false,
  orderOf: (p) => p.orderId,
});
