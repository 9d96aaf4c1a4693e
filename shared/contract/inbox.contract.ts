import { z } from 'zod';
import { messageSchema } from '../i18n/message';
import { inboxResolvableKinds } from '../ops/inbox-resolved.op';
import { procedure } from '../rpc/define';
import { isoDateSchema, nameSaidSchema } from './common';

/**
 * Everything that needs a human, from every bench (issue 8 part 5). Each kind says where it comes
 * from: damage reports awaiting a decision; the hub's conflict flags (a flag about stock below zero
 * or a parcel of a cancelled order is listed under that kind); force-verifies and barcodes bound at
 * a bench (the audit log); weight mismatches and print failures (bench.exception); and what the
 * shop's tables say right now: open orders near their deadline, parcels of orders cancelled or
 * refunded after the label, carriers running out of numbers, SKUs below zero or at their 安全库存; and what tracking
 * says of parcels that left (issue 10): no pickup scan after the handover, stalled, returned,
 * problem (问题件), and 物流信息不一致 (another destination city or carrier).
 */
export const inboxKinds = [
  'parcel-stop', 'damage', 'print-failed', 'weight-mismatch', 'deadline-risk', 'stock-negative', 'stock-low', 'pool-low', 'sync-conflict',
  'force-verify', 'barcode-bound',
  'tracking-no-pickup', 'tracking-stalled', 'tracking-returned', 'tracking-problem', 'tracking-mismatch',
  // Courier handovers (issue 10): parcels kept back at a handover, and printed parcels no handover took.
  'handover-intercepted', 'handover-missing',
  // E-waybills (issue 11): an order whose 取号 failed here, and a cancel the provider has not taken for an hour.
  'waybill-fetch-failed', 'waybill-cancel-stuck',
  // The supervisor desk: a name's phone login locked after wrong PINs in a row (the audit's session.deskLocked).
  'desk-locked',
] as const;
export const inboxKindSchema = z.enum(inboxKinds);
export type InboxKind = z.infer<typeof inboxKindSchema>;
export { inboxResolvableKinds };

/**
 * How a row leaves the inbox. `flag`: a supervisor resolves the flag with a note (flag.resolved).
 * `note`: a supervisor resolves it with a note (inbox.resolved). `decide`: it goes when the damage
 * report is decided, on the damage screen. Derived rows (`derived`) also go by themselves when
 * their condition ends.
 */
export const inboxClosings = ['flag', 'note', 'decide'] as const;

/** Where the row's action button takes the reader. */
export const inboxTargets = ['order', 'damage', 'print-queue', 'shipments', 'catalog', 'carriers', 'handover'] as const;
export type InboxTarget = (typeof inboxTargets)[number];

/** A bench as a row names it: its station id (for the filter) and its name. */
export const inboxBenchSchema = z.object({ id: z.string(), name: z.string(), thisBench: z.boolean() });
export type InboxBench = z.infer<typeof inboxBenchSchema>;

/**
 * A live parcel of the order a row is about, when more than one are (a double shipment): which one
 * to void is the supervisor's call, so each says its number, bench, packer and time.
 */
export const inboxParcelSchema = z.object({
  shipmentId: z.string(),
  trackingNo: z.string(),
  carrierCode: z.string(),
  bench: inboxBenchSchema.nullable(),
  /** Who packed it, as said (another bench's factory administrator with that bench); null when unknown here. */
  packer: nameSaidSchema.nullable(),
  at: isoDateSchema,
});
export type InboxParcel = z.infer<typeof inboxParcelSchema>;

export const inboxRowSchema = z.object({
  /** Stable and the same at every bench: 'flag:<id>', 'damage:<id>', 'audit:<id>', 'exception:<id>', 'deadline:<order>' … */
  key: z.string(),
  kind: inboxKindSchema,
  closes: z.enum(inboxClosings),
  derived: z.boolean(),
  /** alarm: goods may leave or have left wrongly; warn: someone should look soon. */
  severity: z.enum(['alarm', 'warn']),
  /** When it happened (a deadline row: the deadline). */
  at: isoDateSchema,
  /** The benches it happened at (none for what the shop's tables say). */
  benches: z.array(inboxBenchSchema),
  /** The flag's own kind when the row is a hub flag. */
  flagKind: z.string().nullable(),
  orderId: z.string().nullable(),
  orderExternalId: z.string().nullable(),
  skuCode: z.string().nullable(),
  trackingNo: z.string().nullable(),
  carrierCode: z.string().nullable(),
  /** The damage report, print job or audit entry it is about. */
  refId: z.string().nullable(),
  /** What happened, with its evidence (weights, the scan, the printer's answer). */
  evidence: messageSchema,
  /** Who did it, or who authorised it, when a person is named. */
  people: z.array(nameSaidSchema).max(50),
  target: z.enum(inboxTargets).nullable(),
  /** The evidence's photos (a damage report's), shown with the row. */
  photos: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(20),
  /** The order's live parcels, on a double shipment's row (absent on other rows). */
  parcels: z.array(inboxParcelSchema).max(20).optional(),
});
export type InboxRow = z.infer<typeof inboxRowSchema>;

/** A row someone closed: what it was, the note, who and when. */
export const inboxResolutionSchema = z.object({
  key: z.string(),
  kind: inboxKindSchema,
  note: z.string(),
  /** Who closed it, and whose PIN it rested on when someone else's: names as said (factory names in the reader's language). */
  by: nameSaidSchema.nullable(),
  authorizedBy: nameSaidSchema.nullable(),
  bench: inboxBenchSchema.nullable(),
  at: isoDateSchema,
  evidence: messageSchema.nullable(),
  /** What it was about, read again from what the shop holds (the row itself is gone): null where none is known. */
  orderExternalId: z.string().nullable(),
  skuCode: z.string().nullable(),
  trackingNo: z.string().nullable(),
});
export type InboxResolution = z.infer<typeof inboxResolutionSchema>;

/** The top bar's badge: open rows in all, and by kind. `capped`: a kind has more than the inbox counts (shown as n+). */
export const inboxCountsSchema = z.object({
  total: z.number().int().nonnegative(),
  byKind: z.partialRecord(inboxKindSchema, z.number().int().positive()),
  capped: z.boolean(),
});
export type InboxCounts = z.infer<typeof inboxCountsSchema>;

export const inboxSettingsSchema = z.object({
  /** An open order is at risk this many hours before its deadline. */
  deadlineRiskHours: z.number().int().min(1).max(168),
  /** A carrier runs low below this many numbers the shop has left. */
  poolLowFree: z.number().int().min(0).max(1_000_000),
  /** When the courier picks up, HH:mm on the shop's (Beijing) clock: the late-shipping guard lists what must leave before it. */
  pickupTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('16:00'),
  /** A handed-over parcel with no pickup scan (揽收) after this many hours looks like a 虚假发货 to the platform. */
  noPickupHours: z.number().int().min(1).max(168).default(24),
  /** A parcel in transit with no tracking event for this many hours is stalled. */
  stalledHours: z.number().int().min(1).max(720).default(48),
});
export type InboxSettings = z.infer<typeof inboxSettingsSchema>;
export const defaultInboxSettings: InboxSettings = { deadlineRiskHours: 6, poolLowFree: 300, pickupTime: '16:00', noPickupHours: 24, stalledHours: 48 };

/** Rows the inbox reads per source at most: a kind with more shows as "500+" (counting stays cheap on any shop). */
export const INBOX_CAP = 500;

export const inboxContract = {
  /** The open rows (newest first within alarm, then warn), filtered by kind and bench; with the counts and the benches to filter by. */
  'inbox.list': procedure(
    z.strictObject({
      kind: inboxKindSchema.nullable().default(null),
      bench: z.string().max(100).nullable().default(null),
      limit: z.number().int().min(1).max(INBOX_CAP).default(200),
    }),
    z.object({
      rows: z.array(inboxRowSchema), counts: inboxCountsSchema, benches: z.array(inboxBenchSchema),
      /** With a bench filter: the open rows of that bench by kind (the filter's chips); absent without one. */
      benchCounts: inboxCountsSchema.optional(),
    }),
  ),
  /** Rows closed lately, newest first. */
  'inbox.resolved': procedure(
    z.strictObject({ limit: z.number().int().min(1).max(200).default(50) }),
    z.object({ resolutions: z.array(inboxResolutionSchema) }),
  ),
  /** The badge's numbers. */
  'inbox.counts': procedure(z.strictObject({}), inboxCountsSchema),
  /**
   * A supervisor closes a row with a note (a flag through flag.resolved, any other through
   * inbox.resolved); every bench follows. A packer's bench passes a supervisor's PIN.
   */
  'inbox.resolve': procedure(
    z.strictObject({ key: z.string().min(1).max(200), note: z.string().trim().min(1).max(500), authorizerPin: z.string().max(12).optional() }),
    z.object({ key: z.string(), counts: inboxCountsSchema }),
  ),
  'inbox.settings': procedure(z.strictObject({}), inboxSettingsSchema),
  /** The shop's thresholds (supervisor; an op, so every bench lists the same rows). */
  'inbox.saveSettings': procedure(inboxSettingsSchema.extend({ authorizerPin: z.string().max(12).optional() }).strict(), inboxSettingsSchema),
} as const;
