import { z } from 'zod';
import { FETCH_BATCH_MAX, REQUEST_KEY, waybillProviderNames } from '../domain/e-waybill';
import { messageSchema } from '../i18n/message';
import { carrierCode, orderId, text, trackingNo } from '../ops/fields';
import { versionsSchema } from './hub.contract';

/**
 * 取号 at the hub for a bench (issue 11): the station sends what the provider needs per order (it
 * holds the orders; the hub holds the provider account), the hub asks the provider, writes each
 * number to the log as waybill.issued (so every bench has it, and a lost answer loses nothing) and
 * answers per order. `POST /waybills/issue`.
 */
const party = z.strictObject({
  name: text(60), mobile: text(30), phone: text(30), province: text(30), city: text(30), district: text(30), detail: text(200),
});
export const hubWaybillRequestSchema = z.strictObject({
  orderId,
  requestKey: z.string().regex(REQUEST_KEY),
  carrierCode,
  platformOrderIds: z.array(text(64)).min(1).max(20),
  oaid: text(200).optional(),
  sender: party,
  receiver: party,
  parcelCount: z.number().int().min(1).max(20),
  weightG: z.number().int().min(0).max(1_000_000).nullable(),
  goods: text(200),
});
export type HubWaybillRequest = z.infer<typeof hubWaybillRequestSchema>;

/** At most this many orders per call: each is a provider round trip, and the bench waits for the answer. */
export const HUB_ISSUE_MAX = 200;
export const hubIssueRequestSchema = versionsSchema.extend({
  provider: z.enum(waybillProviderNames),
  requests: z.array(hubWaybillRequestSchema).min(1).max(HUB_ISSUE_MAX),
});

export const hubIssueResultSchema = z.discriminatedUnion('ok', [
  z.object({ orderId: z.string(), ok: z.literal(true), trackingNo, carrierCode: z.string(), hubSeq: z.number().int() }),
  z.object({ orderId: z.string(), ok: z.literal(false), kind: z.enum(['auth', 'quota', 'invalid', 'duplicate', 'not-found', 'transient']), msg: messageSchema }),
]);
export const hubIssueResponseSchema = z.object({ results: z.array(hubIssueResultSchema).max(FETCH_BATCH_MAX) });
export type HubIssueResult = z.infer<typeof hubIssueResultSchema>;

/** Which providers the hub holds accounts for (GET /waybills/providers): names and carriers only, never a key. */
export const hubProvidersResponseSchema = z.object({
  providers: z.array(z.object({ name: z.enum(waybillProviderNames), carriers: z.array(z.string()).max(100) })).max(10),
});

/** `POST /waybills/check`: the hub checks its account at the provider (packdesk providers test through the hub). */
export const hubCheckRequestSchema = versionsSchema.extend({ provider: z.enum(waybillProviderNames) });
export const hubCheckResponseSchema = z.object({ ok: z.boolean(), msg: messageSchema.nullable() });
