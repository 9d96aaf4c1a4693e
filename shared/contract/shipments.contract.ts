import { z } from 'zod';
import { messageSchema } from '../i18n/message';
import { trackingStates } from '../domain/tracking';
import { damageReasons } from '../ops/damage-reported.op';
import { voidReasonCodes } from '../ops/shipment-voided.op';
import { procedure } from '../rpc/define';
import { gramsSchema, isoDateSchema, nameSaidSchema, type UserRole } from './common';
import { printResultSchema } from './devices.contract';

export const shipmentSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  orderExternalId: z.string(),
  carrierCode: z.string(),
  carrierName: z.string(),
  trackingNo: z.string(),
  parcelNo: z.number().int(),
  parcelCount: z.number().int(),
  weightG: gramsSchema.nullable(),
  packerName: nameSaidSchema,
  createdAt: isoDateSchema,
  printedAt: isoDateSchema.nullable(),
  printCount: z.number().int(),
  voidedAt: isoDateSchema.nullable(),
  voidReason: z.string().nullable(),
  /** Format check of the number against the carrier's known patterns (a warning, never a block). */
  trackingWarning: messageSchema.nullable(),
  exportedAt: isoDateSchema.nullable(),
  /** When the courier took it at a handover (交接): its ship time; null while it is at the shop. */
  handedOverAt: isoDateSchema.nullable(),
  /**
   * The closed handover (交接) that last accounted for the parcel, once the shop hands over: `accepted`
   * took it at `at` (its ship time); `missing` (少件) or `intercepted` (拦截) listed it as not handed over
   * at that close. Null: no closed handover has named it.
   */
  handover: z.object({
    number: z.string(), at: isoDateSchema, state: z.enum(['accepted', 'missing', 'intercepted']), courierName: z.string().nullable(), by: nameSaidSchema.nullable(),
  }).nullable(),
  /** Where the parcel is, as tracking last said (provider or imported file); null before any word of it. */
  tracking: z.object({ state: z.enum(trackingStates), lastEventAt: isoDateSchema.nullable() }).nullable(),
  /** A reship (补发) parcel: the damage report it answers, why, and the parcel it replaces. */
  reship: z.object({ reportId: z.string(), reason: z.enum(damageReasons), ofTrackingNo: z.string().nullable() }).nullable(),
});
export type Shipment = z.infer<typeof shipmentSchema>;

/** Hostile-input caps: an RPC from any window, or the phone desk. */
const exportBatchShipInput = z.strictObject({
  /** A CSV's encoding (GBK for Taobao's back office); an XLSX has none. */
  encoding: z.enum(['gbk', 'utf-8']).default('gbk'),
  /** XLSX keeps order ids as text cells, for a seller who edits the file in Excel before uploading. */
  format: z.enum(['csv', 'xlsx']).default('csv'),
  onlyNotExported: z.boolean().default(true),
  /** Only parcels handed over to the courier; unset: the shop's default (on once it uses handovers). */
  onlyHandedOver: z.boolean().optional(),
});

/** A partial parcel held out of the file, and why. */
export const heldParcelSchema = z.object({ orderId: z.string(), orderExternalId: z.string(), trackingNo: z.string(), reason: messageSchema });
export type HeldParcel = z.infer<typeof heldParcelSchema>;
export const HELD_SHOWN = 100;
/**
 * A parcel the file answers for whose number it does not carry (the platform takes one number per
 * order or sub-order): `uploadedWith` is the number it rides with, null for one an earlier file uploaded.
 */
export const extraParcelSchema = z.object({ orderExternalId: z.string(), trackingNo: z.string(), uploadedWith: z.string().nullable() });
/** A parcel of an order that is not the platform's (a column-mapped file's "M-1001"): no row, its number goes on its own platform. */
export const elsewhereParcelSchema = z.object({ orderExternalId: z.string(), trackingNo: z.string(), carrierName: z.string() });
/**
 * A parcel replacing one whose number a file already uploaded (voided, shipped again): the platform
 * refuses a 批量发货 row for an order it shows shipped, so `uploadedNo` is changed to `trackingNo` with
 * 修改物流单号 in the seller back office.
 */
export const numberChangeSchema = z.object({ orderExternalId: z.string(), uploadedNo: z.string(), trackingNo: z.string() });
/** Parcels held back as not handed over that the export bar names; the rest are counted. */
export const NOT_HANDED_OVER_NAMED = 3;

export const exportSummarySchema = z.object({
  /** Rows in the file (a split writes one per sub-order). */
  rows: z.number().int(),
  /** Parcels the file answers for. */
  parcels: z.number().int(),
  /** Parcels held back because they were not handed over to the courier, and the first ones' numbers. */
  notHandedOver: z.number().int(),
  notHandedOverNos: z.array(z.string()).max(NOT_HANDED_OVER_NAMED),
  /** Partial parcels held (the first HELD_SHOWN), and how many in all. */
  held: z.array(heldParcelSchema).max(HELD_SHOWN),
  heldCount: z.number().int(),
  /** Parcels whose numbers must be added on the platform by hand (the first HELD_SHOWN), and how many in all. */
  extra: z.array(extraParcelSchema).max(HELD_SHOWN),
  extraCount: z.number().int(),
  /** Orders whose uploaded number must be changed on the platform (the first HELD_SHOWN), and how many in all. */
  changes: z.array(numberChangeSchema).max(HELD_SHOWN),
  changeCount: z.number().int(),
  /** Parcels of orders whose ids are not Taobao order numbers (the first HELD_SHOWN), and how many in all. */
  elsewhere: z.array(elsewhereParcelSchema).max(HELD_SHOWN),
  elsewhereCount: z.number().int(),
  handoversUsed: z.boolean(),
  onlyHandedOver: z.boolean(),
});
export type ExportSummary = z.infer<typeof exportSummarySchema>;

/** Who may run the 批量发货 export at a bench (DESIGN §1: the owner's job); the Shipments screen says so to anyone else. */
export const EXPORTER_ROLES = ['supervisor', 'admin'] as const satisfies readonly UserRole[];

export const shipmentsContract = {
  /** Shipments, newest first, searchable by order id, tracking number or receiver. */
  'shipments.list': procedure(
    z.object({
      query: z.string().max(100).default(''),
      state: z.enum(['all', 'active', 'void', 'not-exported']).default('all'),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    z.object({ total: z.number().int(), shipments: z.array(shipmentSchema) }),
  ),
  /** Prints the same label again with the same number; counts reprints. */
  'shipments.reprint': procedure(z.object({ id: z.string() }), z.object({ shipment: shipmentSchema, print: printResultSchema })),
  /**
   * Retires a shipment's waybill number with a reason; the order can be shipped again with a new number,
   * unless `reasonCode` is the 订单取消/退款 chip's (`cancelled`): then it is held. The dialog sends the
   * chip chosen; words typed without one are `other` (the default), whatever they say.
   */
  'shipments.void': procedure(
    z.strictObject({
      id: z.string().min(1).max(200), reason: z.string().trim().min(2).max(200), reasonCode: z.enum(voidReasonCodes).default('other'), authorizerPin: z.string().max(12).optional(),
    }),
    shipmentSchema,
  ),
  /**
   * The 批量发货 file (订单编号, 物流公司, 运单号, and 子订单编号 for a split) for upload to the shop
   * platform; refused to a packer's login (EXPORTER_ROLES). `onlyHandedOver` (default: on once the shop hands parcels over) leaves out parcels not
   * handed to the courier; partial parcels the platform cannot take as a split are held, with why.
   */
  'shipments.exportBatchShip': procedure(exportBatchShipInput, exportSummarySchema.extend({ fileName: z.string(), base64: z.string() })),
  /** What the export would write now, without writing or stamping anything (the Shipments screen shows it). */
  'shipments.exportPreview': procedure(exportBatchShipInput.omit({ encoding: true, format: true }), exportSummarySchema),
  /**
   * Before a partial ship at this bench: can the platform take the parcel as a split (one row per
   * sub-order it carries whole)? If not, `reason` says why; the parcel would be held from the file.
   */
  'shipments.partialCheck': procedure(z.strictObject({}), z.object({ ok: z.boolean(), reason: messageSchema.nullable() })),
} as const;
