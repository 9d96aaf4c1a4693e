import { createHash } from 'node:crypto';
import { z } from 'zod';
import { carrierNameMessage } from '#shared/domain/carriers';
// The idempotency key goes to the provider as its order code (快递鸟 forbids # & + …).
import { REQUEST_KEY } from '#shared/domain/e-waybill';
import type { MessageKey } from '#shared/i18n/catalog';
import { msg, type MessageParams } from '#shared/i18n/message';
import { ProviderHttpError } from '../provider-http';
import { WaybillProviderError, type WaybillErrorKind, type WaybillParty, type WaybillRequest, type WaybillRouting } from './waybill-provider';

/**
 * What the two aggregator adapters (快递100, 快递鸟) share: reading capped reply fields, the
 * request checks done before anything is sent, and turning failures into the port's kinds with
 * catalog messages (waybillProvider.*).
 */
export type AggregatorName = 'kuaidi100' | 'kdniao';

export const md5Hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/** A provider's code: documented as strings, sometimes sent as numbers. */
export const wireCode = z.union([z.string().max(16), z.number().int().min(-1e9).max(1e9)]).transform(String);
/** A capped string a provider may also send as null or leave out. */
export const wireText = (max: number) => z.string().max(max).nullish().transform((v) => v ?? '');
/** A waybill number as issued: letters, digits and hyphens (some carriers print them). */
export const waybillNo = z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/);

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Provider text fit to print: controls become spaces, runs of spaces one, capped. */
export const cleanText = (text: string, max: number): string => [...text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim()].slice(0, max).join('');

/** A routing field (大头笔, 集包地…): printed large on a label, so short; '' → null. */
export const ROUTING_MAX = 60;
export const routingField = (text: string): string | null => cleanText(text, ROUTING_MAX) || null;
export const emptyRouting = (): WaybillRouting => ({ sortCode: null, routeCode: null, hubCode: null, hubName: null, originCode: null, destinationCode: null });

/** 子母件 children: a comma-separated string (快递100 childNum) or an array (快递鸟 SubOrders; its type is unverified, §2.5). */
export const childNumbers = z
  .union([z.string().max(8000), z.array(z.union([z.string().max(64), z.object({ LogisticCode: z.string().max(64) }).transform((o) => o.LogisticCode)])).max(200)])
  .nullish()
  .transform((v, ctx) => {
    const list = (typeof v === 'string' ? v.split(/[,\uff0c;\s]+/) : (v ?? [])).map((n) => n.trim()).filter((n) => n !== '');
    for (const n of list) if (!waybillNo.safeParse(n).success) ctx.addIssue({ code: 'custom', message: 'child number' });
    return list;
  });


const partySchema = z.object({
  name: z.string().trim().min(1).max(50),
  mobile: z.string().trim().max(20),
  phone: z.string().trim().max(30),
  province: z.string().trim().min(1).max(30),
  city: z.string().trim().max(30),
  district: z.string().trim().max(30),
  detail: z.string().trim().min(1).max(200),
}).refine((p) => p.mobile !== '' || p.phone !== '', { path: ['mobile'] });

const requestSchema = z.object({
  requestKey: z.string().regex(REQUEST_KEY),
  carrierCode: z.string().min(1).max(20),
  platformOrderIds: z.array(z.string().max(64)).max(50),
  oaid: z.string().max(200).optional(),
  sender: partySchema,
  receiver: partySchema,
  parcelCount: z.number().int().min(1).max(99),
  weightG: z.number().int().min(0).max(10_000_000).nullable(),
  goods: z.string().max(200),
});

/** The request checked before anything is sent: a field a provider would refuse is named now, per order. */
export function checkedRequest(provider: AggregatorName, request: WaybillRequest): WaybillRequest {
  const parsed = requestSchema.safeParse(request);
  if (parsed.success) return { ...request, sender: parsed.data.sender, receiver: parsed.data.receiver };
  const field = parsed.error.issues[0]?.path.join('.') ?? '';
  throw failure('invalid', 'waybillProvider.badRequest', provider, { field });
}

export const partyAddress = (p: WaybillParty): string => `${p.province}${p.city}${p.district}${p.detail}`;

/** Grams → kilograms as both aggregators take weight; null when unknown. */
export const kilograms = (weightG: number | null): number | undefined => (weightG && weightG > 0 ? Math.round(weightG) / 1000 : undefined);

/** An error of the port with its catalog message; the provider's own name is a nested message. */
export function failure(kind: WaybillErrorKind, key: MessageKey, provider: AggregatorName, params: MessageParams = {}, providerCode: string | null = null): WaybillProviderError {
  return new WaybillProviderError(kind, msg(key, { provider: msg(`waybillProvider.name.${provider}`), ...params }), providerCode);
}

export const noAccount = (provider: AggregatorName, carrierCode: string) =>
  failure('invalid', 'waybillProvider.noAccount', provider, { carrier: carrierNameMessage(carrierCode) });

/** Transport trouble is always worth a retry with the same key: the key keeps it to one number. */
export function transportFailure(provider: AggregatorName, error: unknown): WaybillProviderError {
  if (error instanceof WaybillProviderError) return error;
  if (!(error instanceof ProviderHttpError)) return failure('transient', 'waybillProvider.http.unreachable', provider, { said: '' });
  const key: Record<ProviderHttpError['kind'], MessageKey> = {
    timeout: 'waybillProvider.http.timeout',
    unreachable: 'waybillProvider.http.unreachable',
    'too-large': 'waybillProvider.http.badReply',
    'not-json': 'waybillProvider.http.badReply',
    'http-status': 'waybillProvider.http.status',
  };
  return failure('transient', key[error.kind], provider, { said: error.kind === 'too-large' ? 'too large' : error.detail, code: error.detail }, error.kind === 'http-status' ? error.detail : null);
}

/** A reply that does not fit its schema: which field, never its content. */
export function badReply(provider: AggregatorName, what: z.ZodError | string): WaybillProviderError {
  const said = typeof what === 'string' ? what : (what.issues[0]?.path.join('.') ?? '');
  return failure('transient', 'waybillProvider.http.badReply', provider, { said: said.slice(0, 100) });
}
