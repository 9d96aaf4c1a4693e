import { z } from 'zod';
import { platformStatusSchema } from '../contract/orders.contract';
import { defineOp } from './define-op';
import { fen, int, isoTime, longText, orderId, skuCode, text } from './fields';

// Exports carry tabs and line breaks inside quoted cells: free text keeps them (never NUL or other controls).
const receiver = z.strictObject({
  name: longText(100), mobile: text(40), phone: text(40), province: longText(40), city: longText(40), district: longText(40), detail: longText(500),
  zip: text(20),
});
const line = z.strictObject({
  lineNo: int(1, 10_000), subOrderId: text(64).nullable(), skuCode: skuCode.nullable(), title: longText(300), props: longText(500).nullable(),
  qty: int(1, 100_000), priceFen: fen.nullable(), refundStatus: longText(200).nullable(),
});

/**
 * An order as the platform exported it, imported at one station and sent to all. The caps are at
 * least the importers' (electron/host/orders/import/order-field-limits.ts), so an accepted import
 * always makes ops the hub accepts.
 */
export const orderImportedOp = defineOp({
  type: 'order.imported',
  version: 2,
  schema: z
    .strictObject({
      id: orderId, platform: z.string().regex(/^[a-z][a-z0-9_-]{0,19}$/), externalId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/),
      // v2: null when the file did not say (a mapped file without a status column, or a blank cell).
      platformStatus: platformStatusSchema.nullable(), buyerNick: longText(100), receiver, buyerMessage: longText(2000), sellerMemo: longText(2000),
      paidFen: fen.nullable(), postageFen: fen.nullable(), createdAt: isoTime.nullable(), paidAt: isoTime.nullable(),
      shipDeadline: isoTime.nullable(), carrierName: longText(64), trackingNo: text(64), lines: z.array(line).min(1).max(500),
    })
    .refine((o) => o.id === `${o.platform}:${o.externalId}`, { message: 'opProblem.format', path: ['id'] }),
  maxBytes: 256 * 1024,
  // Orders are master data: a packer's bench may not rewrite a receiver or close an order.
  role: 'supervisor',
  authorisable: true,
  messages: { cancelledAfterLabel: 'flagText.cancelledAfterLabel' },
  upcasters: {
    // Every v1 order said a status (a mapped file without one wrote "waiting to ship"): it keeps
    // meaning exactly that. A v1 without a status was never valid and stays refused.
    1: (p) => (p['platformStatus'] === null ? { ...p, platformStatus: undefined } : p),
  },
  orderOf: (p) => p.id,
  entityOf: (p) => `order:${p.id}`,
});
