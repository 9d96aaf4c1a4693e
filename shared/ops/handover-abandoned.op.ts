import { z } from 'zod';
import { defineOp } from './define-op';
import { entityId, int, text } from './fields';

/** Why a handover was abandoned (作废): the mistakes a bench makes, and the shop's own words for the rest. */
export const handoverAbandonReasons = ['wrong-carrier', 'opened-twice', 'no-pickup', 'other'] as const;
export type HandoverAbandonReason = (typeof handoverAbandonReasons)[number];

/** The shop's own words beside the reason: one line, as the history shows it. */
export const HANDOVER_ABANDON_NOTE_MAX = 100;

const schema = z
  .strictObject({
    handoverId: entityId,
    reason: z.enum(handoverAbandonReasons),
    note: text(HANDOVER_ABANDON_NOTE_MAX),
    /** Parcels scanned into it (taken) when it was abandoned, as the abandoning bench saw them: what a supervisor agreed to undo. */
    parcels: int(0, 100_000),
  })
  // "Other" says what: a history row reading only 其他 explains nothing to the next person.
  .refine((p) => p.reason !== 'other' || p.note.trim() !== '', { message: 'opProblem.empty', path: ['note'] });

/**
 * A handover opened by mistake (wrong carrier, opened twice, the courier never came) is abandoned
 * (作废), never closed: no sheet, nothing handed over, nothing missing, and its scans count no more —
 * every parcel scanned into it waits for the next pickup again. A closed handover stays closed: a
 * close at any bench (the courier took the parcels and signed) outweighs an abandon, in either order.
 * Scans into it from another bench, before or after, are kept as evidence and count for nothing.
 */
export const handoverAbandonedOp = defineOp({
  type: 'handover.abandoned',
  version: 1,
  schema,
  maxBytes: 1024,
  // A packer undoes their own empty mistake; undoing scanned parcels is a supervisor's call.
  role: (p: z.output<typeof schema>) => (p.parcels > 0 ? 'supervisor' : 'packer'),
  authorisable: true,
  messages: { closedAbandoned: 'flagText.handoverClosedAbandoned', reasonNote: 'flagText.handoverAbandonReasonNote' },
});
