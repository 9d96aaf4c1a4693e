import { z } from 'zod';
import { FETCH_BATCH_MAX, waybillProviderNames } from '../domain/e-waybill';
import { messageSchema } from '../i18n/message';
import { procedure } from '../rpc/define';
import { isoDateSchema } from './common';

export const waybillProviderSchema = z.enum(waybillProviderNames);

/** A provider as this bench can use it: where the account lives and which carriers it issues for. Never a key. */
export const providerAccountSchema = z.object({
  name: waybillProviderSchema,
  /** 'hub': the shop's hub holds the account and fetches for every bench; 'station': this bench holds it; null: not set up. */
  where: z.enum(['hub', 'station']).nullable(),
  carriers: z.array(z.string()),
});
export const providersSchema = z.object({
  providers: z.array(providerAccountSchema),
  /** How this bench's accounts are kept: sealed by the OS keychain, or a file only this user can read. */
  protection: z.enum(['os', 'file']),
  /** Paired with a hub: fetching goes through it (its accounts), and this bench keeps none of its own. */
  viaHub: z.boolean(),
  /** This PC hosts the hub: the accounts an admin enters here are the hub's (kept in its data folder, 0600). */
  hostsHub: z.boolean(),
});
export type Providers = z.infer<typeof providersSchema>;

export const fetchFailureSchema = z.object({
  orderId: z.string(), externalId: z.string(), provider: waybillProviderSchema,
  kind: z.string(), message: messageSchema, attempts: z.number().int(), at: isoDateSchema,
});
/** Held orders a 取号 report names one by one; the rest are counted. */
export const HELD_NAMED = 10;
export const fetchReportSchema = z.object({
  /** Orders that got a number now. */
  issued: z.number().int(),
  /** Orders that already had a ready number (nothing asked). */
  alreadyHad: z.number().int(),
  /** Orders asked for and refused or failed, each with the provider's reason. */
  failed: z.array(fetchFailureSchema),
  /** Orders skipped as not awaiting shipment (shipped, cancelled, blocked by the platform). */
  skipped: z.number().int(),
  /** Orders awaiting shipment on the platform but held here: a parcel of theirs was voided as 订单取消/退款. */
  held: z.number().int(),
  /** The first few of them by platform order number, so the supervisor can find them. */
  heldOrders: z.array(z.string()).max(HELD_NAMED),
});
export type FetchReport = z.infer<typeof fetchReportSchema>;

export const issuedWaybillSchema = z.object({
  trackingNo: z.string(), parentNo: z.string().nullable(), orderId: z.string(), orderExternalId: z.string().nullable(),
  provider: waybillProviderSchema, carrierCode: z.string(),
  routing: z.object({
    sortCode: z.string().nullable(), routeCode: z.string().nullable(), hubCode: z.string().nullable(), hubName: z.string().nullable(),
    originCode: z.string().nullable(), destinationCode: z.string().nullable(),
  }),
  hasPrintData: z.boolean(), templateSize: z.string().nullable(), issuer: z.string(), issuedAt: isoDateSchema,
  /** ready: waiting for its parcel; used: on a parcel; cancel-queued: to be cancelled at the provider; cancelled. */
  state: z.enum(['ready', 'used', 'cancel-queued', 'cancelled']),
  cancelAttempts: z.number().int(), cancelNextAt: isoDateSchema.nullable(), cancelError: messageSchema.nullable(),
});
export type IssuedWaybillView = z.infer<typeof issuedWaybillSchema>;

export const waybillsStatusSchema = z.object({
  ready: z.number().int(),
  /** Ready numbers not printed yet nor in the label queue (what 打印面单 would print). */
  readyUnprinted: z.number().int(), used: z.number().int(), cancelQueued: z.number().int(), cancelled: z.number().int(),
  /** Open orders awaiting shipment with no number yet (what 为待发货订单取号 would ask for). */
  awaitingWithout: z.number().int(),
  failures: z.array(fetchFailureSchema),
  cancels: z.array(issuedWaybillSchema),
});
export type WaybillsStatus = z.infer<typeof waybillsStatusSchema>;

export const waybillPrintReportSchema = z.object({
  /** Labels put in the label queue now; each prints in turn, and the queue shows how it went. */
  queued: z.number().int(),
  /** The jobs queued now, in order (the CLI waits for them). */
  jobIds: z.array(z.string()),
  /** Numbers whose label already waits in the queue or needs the packer there: not queued twice. */
  inQueue: z.number().int(),
  /** Numbers printed before and not queued (no `again`): the packer is asked first. */
  printedBefore: z.array(z.object({ trackingNo: z.string(), orderId: z.string(), orderExternalId: z.string() })),
});
export type WaybillPrintReport = z.infer<typeof waybillPrintReportSchema>;

const keysInput = z.record(z.string().max(40), z.unknown()).refine((r) => JSON.stringify(r).length <= 32 * 1024);

export const waybillsContract = {
  /** The e-waybill providers and where their accounts are (admin screens and the fetch panel). */
  'waybills.providers': procedure(z.object({}), providersSchema),
  /** An admin enters (or replaces) this bench's account for a provider; checked field by field, kept encrypted at rest. */
  'waybills.saveKeys': procedure(z.strictObject({ provider: waybillProviderSchema, keys: keysInput }), providersSchema),
  'waybills.removeKeys': procedure(z.strictObject({ provider: waybillProviderSchema }), providersSchema),
  /** Checks the account against the provider (its cheapest call; no number is used). */
  'waybills.test': procedure(z.strictObject({ provider: waybillProviderSchema }), z.object({ ok: z.boolean(), message: messageSchema.nullable() })),
  /**
   * 取号: numbers for the given orders, or for every open order awaiting shipment with none yet
   * (`awaiting`), from a provider (through the hub when paired). Each order's failure is kept with
   * the provider's reason and retried by asking again; a retry never yields a second live number.
   */
  'waybills.fetch': procedure(
    z.strictObject({
      provider: waybillProviderSchema,
      orderIds: z.array(z.string().max(100)).max(FETCH_BATCH_MAX).optional(),
      awaiting: z.boolean().optional(),
      /** Ask for this carrier instead of the carrier rules' choice. */
      carrierCode: z.string().max(16).optional(),
      /** Parcels each order will go in (a big order): 2+ asks for a 子母件 where the provider has it. */
      parcelCount: z.number().int().min(1).max(20).optional(),
      authorizerPin: z.string().max(12).optional(),
    }),
    fetchReportSchema,
  ),
  'waybills.status': procedure(z.object({}), waybillsStatusSchema),
  /**
   * 打单: queues the labels of the fetched numbers no one printed yet (or those of the given orders),
   * through the label queue like the bench's, so the picker picks with them and the bench verifies
   * by scanning them; a parcel that takes a printed number does not print it again. A number printed
   * before is named in the answer, not queued, unless `again` says to print it once more (a lost
   * label; audited as a reprint); `numbers` limits the orders' numbers to those.
   */
  'waybills.print': procedure(
    z.strictObject({
      orderIds: z.array(z.string().max(100)).max(FETCH_BATCH_MAX).optional(),
      again: z.boolean().optional(),
      numbers: z.array(z.string().max(40)).max(FETCH_BATCH_MAX * 20).optional(),
    }),
    waybillPrintReportSchema,
  ),
  /** An order's numbers (or the one with this number), newest last. */
  'waybills.ofOrder': procedure(z.strictObject({ ref: z.string().trim().min(1).max(100) }), z.array(issuedWaybillSchema)),
  /** Cancels a fetched number no parcel uses (取消单号); queued until the provider can be reached. */
  'waybills.cancel': procedure(z.strictObject({ trackingNo: z.string().trim().min(4).max(40), authorizerPin: z.string().max(12).optional() }), issuedWaybillSchema),
  /** Sends the queued cancels this bench is responsible for now, instead of at the next retry. */
  'waybills.sendCancels': procedure(z.object({}), z.object({ sent: z.number().int(), failed: z.number().int(), left: z.number().int() })),
} as const;
