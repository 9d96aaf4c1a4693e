import { z } from 'zod';
import { messageSchema } from '../i18n/message';
import { procedure } from '../rpc/define';
import { fenSchema, fileInputSchema, isoDateSchema, rowErrorSchema } from './common';

/** Platform order states, named after Taobao's API enum (the export's 订单状态 text maps onto these). */
export const platformStatuses = [
  'WAIT_BUYER_PAY',
  'WAIT_SELLER_SEND_GOODS',
  'SELLER_CONSIGNED_PART',
  'WAIT_BUYER_CONFIRM_GOODS',
  'TRADE_BUYER_SIGNED',
  'TRADE_FINISHED',
  'TRADE_CLOSED',
  'TRADE_CLOSED_BY_TAOBAO',
  'TRADE_NO_CREATE_PAY',
  'WAIT_PRE_AUTH_CONFIRM',
  'PAY_PENDING',
  'PAID_FORBID_CONSIGN',
] as const;
export const platformStatusSchema = z.enum(platformStatuses);
export type PlatformStatus = z.infer<typeof platformStatusSchema>;
/**
 * An order's platform status as its file said it; null when the file did not say (a mapped CSV
 * without a status column, or a blank cell): nothing is claimed, and the order may be packed.
 */
export const platformStatusOrUnknownSchema = platformStatusSchema.nullable();

/** Where the bench is with an order, independent of the platform's status. */
export const packStateSchema = z.enum(['open', 'shipped']);
export type PackState = z.infer<typeof packStateSchema>;

export const receiverSchema = z.object({
  name: z.string(),
  mobile: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  detail: z.string(),
  zip: z.string(),
});
export type Receiver = z.infer<typeof receiverSchema>;

export const orderLineSchema = z.object({
  lineNo: z.number().int().positive(),
  subOrderId: z.string().nullable(),
  skuCode: z.string().nullable(),
  title: z.string(),
  props: z.string().nullable(),
  qty: z.number().int().positive(),
  priceFen: fenSchema.nullable(),
  /** 退款状态 text from the export, null when no refund was ever asked for. */
  refundStatus: z.string().nullable(),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

/** An order as read from a platform export, before it is stored. */
export const importedOrderSchema = z.object({
  platform: z.string(),
  // The op's format: a Taobao/千牛 export's ids are 6–24 digits (their parsers check), a mapped CSV's may be any (M-1001).
  externalId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/),
  platformStatus: platformStatusOrUnknownSchema,
  buyerNick: z.string(),
  receiver: receiverSchema,
  buyerMessage: z.string(),
  sellerMemo: z.string(),
  paidFen: fenSchema.nullable(),
  postageFen: fenSchema.nullable(),
  createdAt: isoDateSchema.nullable(),
  paidAt: isoDateSchema.nullable(),
  /** 应发货时间 when the export carries it; otherwise the store derives it from paidAt + promise. */
  shipDeadline: isoDateSchema.nullable(),
  /** 物流公司 / 物流单号 already on the platform (pre-printed waybills). */
  carrierName: z.string(),
  trackingNo: z.string(),
  lines: z.array(orderLineSchema),
});
export type ImportedOrder = z.infer<typeof importedOrderSchema>;

export const orderSchema = importedOrderSchema.extend({
  id: z.string(),
  packState: packStateSchema,
  /** When the last of its live parcels was delivered, while all of them are (tracking); null otherwise. Shown as the status "delivered". */
  deliveredAt: isoDateSchema.nullable(),
  /** Why the bench must not ship this order (a catalog message), or null when it may. */
  blockedReason: messageSchema.nullable(),
  importedAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Order = z.infer<typeof orderSchema>;

export const orderSummarySchema = z.object({
  id: z.string(),
  externalId: z.string(),
  platformStatus: platformStatusOrUnknownSchema,
  packState: packStateSchema,
  deliveredAt: isoDateSchema.nullable(),
  blockedReason: messageSchema.nullable(),
  buyerNick: z.string(),
  receiverName: z.string(),
  province: z.string(),
  city: z.string(),
  itemCount: z.number().int(),
  shipDeadline: isoDateSchema.nullable(),
  paidAt: isoDateSchema.nullable(),
  buyerMessage: z.string(),
  sellerMemo: z.string(),
  /** Pack videos kept for this order at this bench. */
  clipCount: z.number().int().nonnegative(),
  /** A live parcel of it is coming back (tracking says 退回: refused or returned), so 已发货 alone would mislead. */
  returned: z.boolean(),
  /**
   * A live parcel of it a closed courier handover listed missing (少件: printed, not handed to the
   * courier) and not handed over since: 已发货 alone would say it left.
   */
  handoverMissing: z.boolean(),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

/** A saved column mapping for "any CSV": canonical field → header text in the file. */
export const columnMappingSchema = z.object({
  name: z.string().min(1).max(80),
  columns: z.record(z.string(), z.string()),
  /** A file with one row per item repeats the order columns; rows are grouped by orderId. */
  encoding: z.enum(['auto', 'gbk', 'utf-8']).default('auto'),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export const importReportSchema = z.object({
  /** Null when the files were refused before their format was known (a header that does not decode). */
  format: z.enum(['taobao-classic', 'qianniu-xlsx', 'mapped-csv']).nullable(),
  ordersRead: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  statusChanges: z.number().int(),
  errors: z.array(rowErrorSchema),
  /**
   * Lines without 商家编码: the bench cannot match a scan to them until a supervisor binds each to
   * a SKU. The first few are named; `count` is all of them.
   */
  linesWithoutSku: z.object({
    count: z.number().int().nonnegative(),
    lines: z.array(z.object({ orderId: z.string(), lineNo: z.number().int(), title: z.string() })).max(20),
  }),
  /** What an accepted import assumed where the file was silent (no status column, no payment time), as catalog messages. */
  notices: z.array(messageSchema).max(10),
  /** True when nothing was written because of errors. */
  rejected: z.boolean(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** Columns the orders list sorts by; each has an index, so a sort stays fast on a million orders. */
export const orderSorts = ['deadline', 'paidAt', 'externalId'] as const;
export type OrderSort = (typeof orderSorts)[number];
export const sortDirs = ['asc', 'desc'] as const;
export type SortDir = (typeof sortDirs)[number];

/** 恢复发货's input: the order, why it may ship after all (audited), and a supervisor's PIN at a packer's login. */
export const releaseHoldInputSchema = z.strictObject({
  id: z.string().min(1).max(200),
  reason: z.string().trim().min(2).max(200),
  authorizerPin: z.string().regex(/^\d{4,8}$/).optional(),
});

export const ordersContract = {
  /** Imports a platform export (Taobao pair, 千牛 XLSX, or a CSV with a saved mapping). All or nothing. */
  'orders.import': procedure(
    z.object({ files: z.array(fileInputSchema).min(1).max(4), mappingName: z.string().optional() }),
    importReportSchema,
  ),
  /**
   * Lists orders filtered by free text (id, buyer, receiver) and state, sorted by a column (the most
   * urgent deadline first unless asked otherwise; orders with no deadline last).
   */
  'orders.list': procedure(
    z.object({
      query: z.string().max(100).default(''),
      /**
       * at-risk: open, due within the shop's deadlineRiskHours; pickup: open, must leave with the next courier pickup (the late-shipping guard);
       * handover-missing: shipped, with a parcel a handover left behind (交接少件, `handoverMissing`).
       */
      state: z.enum(['all', 'open', 'shipped', 'delivered', 'blocked', 'late', 'at-risk', 'pickup', 'handover-missing']).default('all'),
      sort: z.enum(orderSorts).default('deadline'),
      dir: z.enum(sortDirs).default('asc'),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    z.object({ total: z.number().int(), orders: z.array(orderSummarySchema) }),
  ),
  /** One order with its lines. */
  'orders.get': procedure(z.object({ id: z.string() }), orderSchema),
  /** Supervisor: sends a shipped order back to the bench (a new status generation that every station follows). */
  'orders.reopen': procedure(z.object({ id: z.string(), reason: z.string().trim().min(1).max(200) }), orderSchema),
  /** Supervisor: 恢复发货 — an order held by a parcel voided as 订单取消/退款 may ship again (order.released). */
  'orders.releaseHold': procedure(releaseHoldInputSchema, orderSchema),
  /** Saves a column mapping for CSV imports. */
  'orders.saveMapping': procedure(columnMappingSchema, z.object({ name: z.string() })),
  /** Saved column mappings. */
  'orders.listMappings': procedure(z.object({}), z.array(columnMappingSchema)),
} as const;
