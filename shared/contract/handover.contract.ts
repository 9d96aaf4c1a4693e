import { z } from 'zod';
import { messageSchema } from '../i18n/message';
import { handoverAbandonReasons, HANDOVER_ABANDON_NOTE_MAX } from '../ops/handover-abandoned.op';
import { handoverOutcomes } from '../ops/handover-scanned.op';
import { procedure } from '../rpc/define';
import { benchRefSchema, isoDateSchema, nameSaidSchema } from './common';

export { handoverOutcomes, type HandoverOutcome } from '../ops/handover-scanned.op';

/**
 * What a scan answers: the outcomes a scan records, and `unexpected-order` — a code the shop has no
 * parcel for that is one of its order numbers. It is recorded as unexpected-unknown (a bench of any
 * version reads the op) and told apart when read.
 */
export const handoverScanOutcomes = [...handoverOutcomes, 'unexpected-order'] as const;
export type HandoverScanOutcome = (typeof handoverScanOutcomes)[number];
export { HANDOVER_MAX_PARCELS } from '../ops/handover-closed.op';
export { handoverAbandonReasons, HANDOVER_ABANDON_NOTE_MAX, type HandoverAbandonReason } from '../ops/handover-abandoned.op';

const id = z.string().min(1).max(100);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A parcel as the handover screen and the 交接单 name it. */
export const handoverParcelSchema = z.object({
  shipmentId: z.string(),
  trackingNo: z.string(),
  orderExternalId: z.string(),
  /** Why it was kept back (an intercepted parcel: the order's block). */
  reason: messageSchema.nullable(),
});
export type HandoverParcel = z.infer<typeof handoverParcelSchema>;

/** One scan into the handover, newest first on screen. */
export const handoverScanSchema = z.object({
  id: z.string(),
  code: z.string(),
  outcome: z.enum(handoverScanOutcomes),
  trackingNo: z.string().nullable(),
  orderExternalId: z.string().nullable(),
  /** The other carrier, the block, or the handover that already has it. */
  detail: messageSchema.nullable(),
  bench: benchRefSchema,
  at: isoDateSchema,
});
export type HandoverScan = z.infer<typeof handoverScanSchema>;

export const handoverCountsSchema = z.object({
  /** Parcels this pickup is for: printed, live, of the carrier, not yet handed over (open), or as closed. */
  expected: z.number().int().nonnegative(),
  scanned: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  unexpected: z.number().int().nonnegative(),
  intercepted: z.number().int().nonnegative(),
  duplicate: z.number().int().nonnegative(),
});
export type HandoverCounts = z.infer<typeof handoverCountsSchema>;

/** A handover abandoned (作废): when, who, why. Never closed: no sheet, nothing handed over or missing. */
export const handoverAbandonedSchema = z.object({
  at: isoDateSchema,
  by: nameSaidSchema.nullable(),
  reason: z.enum(handoverAbandonReasons),
  note: z.string(),
  /** Parcels scanned into it (each once, at any bench): none went with a courier, all were put back to wait for the next pickup. */
  parcels: z.number().int().nonnegative(),
});
export type HandoverAbandoned = z.infer<typeof handoverAbandonedSchema>;

export const handoverSummarySchema = z.object({
  id: z.string(),
  /** What the sheet and the screens call it (handover-number.ts): the id is for machines. */
  number: z.string(),
  carrierCode: z.string(),
  carrierName: z.string(),
  state: z.enum(['open', 'closed', 'abandoned']),
  openedAt: isoDateSchema,
  openedAtBench: benchRefSchema,
  closedAt: isoDateSchema.nullable(),
  courierName: z.string().nullable(),
  counts: handoverCountsSchema,
  abandoned: handoverAbandonedSchema.nullable(),
});
export type HandoverSummary = z.infer<typeof handoverSummarySchema>;

export const handoverDetailSchema = handoverSummarySchema.extend({
  accepted: z.array(handoverParcelSchema),
  /** Open: parcels still expected (not scanned yet). Closed: the ones the close found missing. */
  missing: z.array(handoverParcelSchema),
  intercepted: z.array(handoverParcelSchema),
  /** Scans that took nothing: voided, another carrier's, unknown, duplicate. */
  unexpected: z.array(handoverScanSchema),
  /** The latest scans, newest first (at most 100; `counts.scanned` has them all). */
  scans: z.array(handoverScanSchema),
  signatureHash: sha256.nullable(),
  photoHashes: z.array(sha256),
  /** The shop's user who closed it (交接人: handed the parcels over), by name; null while open. */
  /** The shop's 交接人: a factory administrator with their bench (factory-names.ts). */
  closedBy: nameSaidSchema.nullable(),
  /**
   * Abandoned (作废): the parcels its scans took in, put back to wait for the next pickup (one since
   * handed over with another handover, or voided, says so). Empty otherwise.
   */
  putBack: z.array(handoverParcelSchema),
});
export type HandoverDetail = z.infer<typeof handoverDetailSchema>;

/** A carrier as the screen offers it: parcels waiting for its courier, and those kept back (拦截) that must not go. */
export const handoverCarrierSchema = z.object({
  carrierCode: z.string(), carrierName: z.string(), awaiting: z.number().int().nonnegative(), kept: z.number().int().nonnegative(),
});

/** The courier's name as the 交接单 prints it: the close dialog says so when a paste is longer. */
export const COURIER_NAME_MAX = 40;

export const handoverContract = {
  /** Carriers with printed parcels not yet handed over, and how many: what the next pickup is for. */
  'handover.carriers': procedure(z.strictObject({}), z.array(handoverCarrierSchema)),
  /** Opens a handover (交接) for a carrier's pickup; shop-wide once synced. */
  'handover.open': procedure(z.strictObject({ carrierCode: z.string().regex(/^[A-Z0-9_]{1,16}$/) }), handoverDetailSchema),
  /**
   * Judges one scanned number against the parcels this bench knows (the last import included: a
   * parcel whose order turned cancelled or refund-pending is intercepted) and records the scan.
   */
  'handover.scan': procedure(
    z.strictObject({ handoverId: id, code: z.string().trim().min(1).max(128) }),
    z.object({ scan: handoverScanSchema, handover: handoverDetailSchema }),
  ),
  /**
   * Closes with the courier's name and a signature (a PNG kept by photos.put) or a photo: the
   * accepted parcels are handed over now (their ship time), the missing and intercepted ones go to
   * the inbox.
   */
  /**
   * A parcel scanned with no handover open on screen (the courier is here, the packer scans the
   * first parcel): opens (or carries on with) the handover for that parcel's carrier and takes the
   * scan into it. A code the shop has no parcel for is refused (NOT_FOUND), saying whether it is
   * one of the shop's order numbers.
   */
  'handover.scanFirst': procedure(
    z.strictObject({ code: z.string().trim().min(1).max(128) }),
    z.object({ scan: handoverScanSchema, handover: handoverDetailSchema }),
  ),
  'handover.close': procedure(
    z.strictObject({
      handoverId: id,
      courierName: z.string().trim().min(1).max(COURIER_NAME_MAX),
      signatureHash: sha256.nullable(),
      photoHashes: z.array(sha256).max(5).default([]),
    }),
    handoverDetailSchema,
  ),
  /**
   * Abandons (作废) a handover opened by mistake: not closed, no sheet, its scanned parcels wait for
   * the next pickup again. One with parcels scanned in needs a supervisor (a packer's bench passes a
   * supervisor's PIN); a closed or already abandoned one is refused (CONFLICT).
   */
  'handover.abandon': procedure(
    z.strictObject({
      handoverId: id,
      reason: z.enum(handoverAbandonReasons),
      note: z.string().trim().max(HANDOVER_ABANDON_NOTE_MAX).default(''),
      authorizerPin: z.string().max(12).optional(),
    }),
    handoverDetailSchema,
  ),
  /** `closed`: the history, closed and abandoned ones. */
  'handover.list': procedure(
    z.strictObject({
      state: z.enum(['open', 'closed', 'all']).default('all'),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    }),
    z.object({ total: z.number().int().nonnegative(), handovers: z.array(handoverSummarySchema) }),
  ),
  'handover.get': procedure(z.strictObject({ id }), handoverDetailSchema),
  /** The 交接单 as a PDF (A4, Chinese, Beijing time): every number with its barcode, the signature. */
  'handover.sheet': procedure(z.strictObject({ id }), z.object({ fileName: z.string(), base64: z.string() })),
  /** Prints the 交接单 on the bench's label printer, one label page after another. */
  'handover.print': procedure(z.strictObject({ id }), z.object({ pages: z.number().int().positive(), file: z.string().nullable() })),
} as const;
