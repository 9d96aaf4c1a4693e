import { z } from 'zod';
import { messageSchema } from '../i18n/message';
import { damageReasons } from '../ops/damage-reported.op';
import { procedure } from '../rpc/define';
import { barcodeSchema, gramsSchema } from './common';
import { printResultSchema } from './devices.contract';
import { platformStatusOrUnknownSchema } from './orders.contract';
import { shipmentSchema } from './shipments.contract';

/** What one scan did. Each has its own colour and sound at the bench. */
export const scanOutcomes = [
  'opened',
  'verified',
  'completed',
  'wrong_item',
  'over_scan',
  'unknown_barcode',
  'blocked',
  'not_found',
  'command',
  'login',
  'not_logged_in',
] as const;
export const scanOutcomeSchema = z.enum(scanOutcomes);
export type ScanOutcome = z.infer<typeof scanOutcomeSchema>;

/**
 * What the bench answers: a recorded outcome, or an answer that records nothing. 'confirm_switch':
 * another order was scanned while this one is part packed; scanning it again opens it. 'weigh':
 * all items verified, put the parcel on the scale; 'weight_mismatch': it weighs outside the
 * tolerance, not shipped. Kept apart from `scanOutcomes`, which the scan.recorded op carries and
 * every station must read.
 */
export const benchOutcomes = [...scanOutcomes, 'confirm_switch', 'weigh', 'weight_mismatch'] as const;
export const benchOutcomeSchema = z.enum(benchOutcomes);
export type BenchOutcome = z.infer<typeof benchOutcomeSchema>;

export const benchLineSchema = z.object({
  lineNo: z.number().int(),
  skuCode: z.string().nullable(),
  title: z.string(),
  props: z.string().nullable(),
  location: z.string(),
  qty: z.number().int(),
  verified: z.number().int(),
  forced: z.boolean(),
  /** The SKU's picture: a stored file's SHA-256 (served under /attachments/) or an https address. */
  image: z.string().max(1000).nullable().default(null),
});
export type BenchLine = z.infer<typeof benchLineSchema>;

/** A reship (补发) the open order is packed for: a supervisor decided to send the damaged SKU × qty again. */
export const benchReshipSchema = z.object({
  reportId: z.string(),
  skuCode: z.string(),
  qty: z.number().int(),
  reason: z.enum(damageReasons),
  /** The parcel it replaces, when known. */
  ofTrackingNo: z.string().nullable(),
});
export type BenchReship = z.infer<typeof benchReshipSchema>;

export const benchOrderSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  platformStatus: platformStatusOrUnknownSchema,
  buyerNick: z.string(),
  receiverName: z.string(),
  province: z.string(),
  city: z.string(),
  buyerMessage: z.string(),
  sellerMemo: z.string(),
  shipDeadline: z.string().nullable(),
  /** Why this order must not ship (a catalog message), or null. */
  blockedReason: messageSchema.nullable(),
  /** Open for a reship: the lines are the reship's, not the order's. */
  reship: benchReshipSchema.nullable(),
  /**
   * The carrier a parcel of it takes when the packer picks none: a number fetched for it (取号), else
   * the carrier rules' choice at its weight; null when they choose none (the packer must).
   */
  autoCarrier: z.string().nullable(),
});

/**
 * The parcel on the scale for the open order; null when no scale is set up. `status` 'waiting':
 * no settled weight yet; ok/light/heavy: the check ran on `settledG`. A mismatch blocks shipping
 * until a supervisor accepts the weight (`accepted`); weighing or typing it again within tolerance
 * does not lift it (else any hold is undone by typing the expected weight).
 */
export const benchWeighingSchema = z.object({
  /** 'none': no scale is set up, and a weight typed on the ship form holds the order. */
  scale: z.enum(['connected', 'reconnecting', 'absent', 'none']),
  settledG: gramsSchema.nullable(),
  status: z.enum(['waiting', 'none', 'ok', 'light', 'heavy']),
  deviationG: z.number().int(),
  accepted: z.boolean(),
  /**
   * The weight that was outside the tolerance for this order's parcel, while no supervisor has
   * accepted it: it holds the order even when a later weighing is within tolerance. Null: no hold.
   */
  mismatchG: gramsSchema.nullable(),
});
export type BenchWeighing = z.infer<typeof benchWeighingSchema>;

export const benchStateSchema = z.object({
  order: benchOrderSchema.nullable(),
  lines: z.array(benchLineSchema),
  complete: z.boolean(),
  shipments: z.array(shipmentSchema),
  expectedWeightG: gramsSchema.nullable(),
  weighing: benchWeighingSchema.nullable(),
});
export type BenchState = z.infer<typeof benchStateSchema>;

export const scanResultSchema = z.object({
  scanId: z.string().nullable(),
  outcome: benchOutcomeSchema,
  /** Machine-readable detail for the panel: barcode, sku, command name (a block's reason is in state.order). */
  detail: z.record(z.string(), z.string()),
  state: benchStateSchema,
  shipment: shipmentSchema.nullable(),
  print: printResultSchema.nullable(),
  /** Problems after the parcel was committed (tracking format, pool low), as catalog messages. */
  warnings: z.array(messageSchema).max(50),
});
export type ScanResult = z.infer<typeof scanResultSchema>;

export const shipResultSchema = z.object({
  shipments: z.array(shipmentSchema),
  print: printResultSchema.nullable(),
  warnings: z.array(messageSchema).max(50),
  state: benchStateSchema,
});

/**
 * Command barcodes the bench understands anywhere in the flow. PD:DAMAGE opens the damage form
 * over the order; PD:PHOTO snaps a photo while that form is open (and does nothing elsewhere).
 */
export const benchCommands = ['PD:CANCEL', 'PD:REPRINT', 'PD:NEXT', 'PD:PARTIAL', 'PD:SHIP', 'PD:LOGOUT', 'PD:DAMAGE', 'PD:PHOTO'] as const;
export type BenchCommand = (typeof benchCommands)[number];

const authorizer = { authorizerPin: z.string().regex(/^\d{4,8}$/).optional() };

export const benchContract = {
  /** One scan from the scanner: opens an order, verifies an item, runs a command or logs a badge in. */
  'bench.scan': procedure(z.object({ code: barcodeSchema, source: z.enum(['wedge', 'serial', 'manual']).default('wedge') }), scanResultSchema),
  /** The order open at this bench, with verification progress. */
  'bench.getState': procedure(z.object({}), benchStateSchema),
  /**
   * Marks a line verified without scanning (supervisor permission or PIN), audited. The last line
   * completes the order as a last right scan does, so the answer is a scan's.
   */
  'bench.forceVerify': procedure(z.object({ lineNo: z.number().int(), ...authorizer }), scanResultSchema),
  /**
   * Binds an order line that has no 商家编码 to the SKU of the item just scanned (supervisor
   * permission or PIN), audited and sent to every bench; the scan then counts on that line.
   */
  'bench.bindLine': procedure(z.object({ lineNo: z.number().int().min(1).max(10_000), barcode: barcodeSchema, ...authorizer }), scanResultSchema),
  /** Binds an unknown barcode to a SKU (supervisor permission or PIN), audited. */
  'bench.bindBarcode': procedure(
    z.object({ barcode: barcodeSchema, skuCode: z.string().min(1), units: z.number().int().min(1).default(1), ...authorizer }),
    benchStateSchema,
  ),
  /**
   * The ship form as the packer set it for the open order (carrier, typed weight, parcels): a
   * parcel that ships from a scan (the last item, PD:SHIP, PD:PARTIAL) leaves with these too.
   * Ignored when `orderId` is no longer the open order.
   */
  'bench.shipChoice': procedure(
    z.object({ orderId: z.string().min(1).max(200), carrierCode: z.string().min(1).max(20).nullable(), weightG: gramsSchema.nullable(), parcelCount: z.number().int().min(1).max(20) }),
    z.object({}),
  ),
  /**
   * Ships the open order now: carrier by rules unless given, waybill number committed, label
   * printed. What is not given comes from the ship form's choice (bench.shipChoice), else the
   * rules, the scale and one parcel.
   */
  'bench.ship': procedure(
    z.object({
      carrierCode: z.string().min(1).max(20).optional(),
      weightG: gramsSchema.optional(),
      parcelCount: z.number().int().min(1).max(20).optional(),
      /** Ship what is verified so far (partial shipment); supervisor permission or PIN. */
      partial: z.boolean().default(false),
      ...authorizer,
    }),
    shipResultSchema,
  ),
  /** "Stay on this order": the order just asked about (confirm_switch) is asked about again next time. */
  'bench.stay': procedure(z.object({}), benchStateSchema),
  /** Ships a parcel whose weight is outside the tolerance (supervisor permission or PIN), audited. */
  'bench.acceptWeight': procedure(z.object({ ...authorizer }), shipResultSchema),
  /** Closes the open order without shipping. */
  'bench.cancel': procedure(z.object({}), benchStateSchema),
} as const;
