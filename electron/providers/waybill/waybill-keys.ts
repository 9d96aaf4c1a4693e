import { z } from 'zod';
import type { WaybillProviderName } from '#shared/domain/e-waybill';
import { cainiaoProvider } from './cainiao.provider';
import { kdniaoEOrderProvider } from './kdniao-eorder.provider';
import { kuaidi100LabelProvider } from './kuaidi100-label.provider';
import { pinduoduoProvider } from './pinduoduo.provider';
import { topSignMethods } from './top-sign';
import type { WaybillProvider } from './waybill-provider';

/**
 * The e-waybill accounts an admin enters (issue 11): one strict schema per provider, every field
 * capped. They are secrets worth money: kept encrypted at rest by whoever stores them (the station's
 * safeStorage box or 0600 file, the hub's 0600 file), never in an op, a log line or an error.
 */
const secret = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/);
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const field = z.string().max(100).regex(/^[^\u0000-\u001f\u007f]*$/);
const endpoint = z.url({ protocol: /^https?$/ }).max(500).optional();
const carrierKey = z.string().regex(/^[A-Z0-9_]{1,16}$/);
const accounts = <S extends z.ZodType>(account: S) => z.record(carrierKey, account).refine((r) => Object.keys(r).length <= 40);
const template = z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(500), size: z.enum(['76x130', '100x150', '100x180']).nullable().default(null) });

const kuaidi100 = z.strictObject({
  key: secret, secret,
  accounts: accounts(z.strictObject({
    partnerId: field.optional(), partnerKey: field.optional(), partnerSecret: field.optional(), partnerName: field.optional(),
    net: field.optional(), code: field.optional(), checkMan: field.optional(), tbNet: field.optional(), expType: field.optional(),
    payType: z.enum(['SHIPPER', 'CONSIGNEE', 'MONTHLY', 'THIRDPARTY']).optional(),
  })),
  endpoint,
});
const kdniao = z.strictObject({
  businessId: secret, appKey: secret,
  accounts: accounts(z.strictObject({
    CustomerName: field.optional(), CustomerPwd: field.optional(), SendSite: field.optional(), SendStaff: field.optional(), MonthCode: field.optional(),
    PayType: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(), ExpType: field.optional(),
    TemplateSize: z.enum(['130', '150', '180']).optional(), notifyCourier: z.boolean().optional(),
  })),
  url: endpoint,
});
const cainiao = z.strictObject({
  appKey: secret, appSecret: secret, session: secret, signMethod: z.enum(topSignMethods).default('md5'), userId: secret,
  templates: accounts(template), orderChannel: z.string().regex(/^[A-Z]{2,10}$/).optional(), endpoint,
});
const pinduoduo = z.strictObject({
  clientId: secret, clientSecret: secret, accessToken: secret, userId: secret,
  templates: accounts(template), wpCodes: z.record(carrierKey, z.string().regex(/^[A-Za-z0-9_]{1,30}$/)).optional(),
  orderChannel: z.string().regex(/^[A-Z]{2,10}$/).optional(), endpoint,
});

export const waybillKeySchemas = { kuaidi100, kdniao, cainiao, pinduoduo } as const;
export const waybillKeysSchema = z.strictObject({
  kuaidi100: kuaidi100.optional(), kdniao: kdniao.optional(), cainiao: cainiao.optional(), pinduoduo: pinduoduo.optional(),
});
export type WaybillKeys = z.output<typeof waybillKeysSchema>;
/** The largest keys file we read (a few accounts per provider fit in a few KB). */
export const WAYBILL_KEYS_MAX_BYTES = 64 * 1024;

/**
 * Checks one provider's account as an admin typed it; the error names the field, never its value
 * (a mistyped secret is still a secret).
 */
export function parseProviderKeys(provider: WaybillProviderName, input: unknown): { ok: true; keys: WaybillKeys[WaybillProviderName] } | { ok: false; field: string } {
  const parsed = waybillKeySchemas[provider].safeParse(input);
  if (parsed.success) return { ok: true, keys: parsed.data };
  return { ok: false, field: parsed.error.issues[0]?.path.join('.') || '—' };
}

/** The adapter for a configured provider, or null when its account is not entered. `timeoutMs` for tests. */
export function waybillProviderFor(name: WaybillProviderName, keys: WaybillKeys, timeoutMs?: number): WaybillProvider | null {
  const t = timeoutMs === undefined ? {} : { timeoutMs };
  switch (name) {
    case 'kuaidi100': {
      const k = keys.kuaidi100;
      return k ? kuaidi100LabelProvider({ key: k.key, secret: k.secret, accounts: k.accounts, ...(k.endpoint ? { endpoint: k.endpoint } : {}), ...t }) : null;
    }
    case 'kdniao': {
      const k = keys.kdniao;
      return k ? kdniaoEOrderProvider({ businessId: k.businessId, appKey: k.appKey, accounts: k.accounts, ...(k.url ? { url: k.url } : {}), ...t }) : null;
    }
    case 'cainiao': {
      const k = keys.cainiao;
      if (!k) return null;
      const { endpoint: e, orderChannel, ...rest } = k;
      return cainiaoProvider({ ...rest, ...(e ? { endpoint: e } : {}), ...(orderChannel ? { orderChannel } : {}), ...t });
    }
    case 'pinduoduo': {
      const k = keys.pinduoduo;
      if (!k) return null;
      const { endpoint: e, orderChannel, wpCodes, ...rest } = k;
      return pinduoduoProvider({ ...rest, ...(e ? { endpoint: e } : {}), ...(orderChannel ? { orderChannel } : {}), ...(wpCodes ? { wpCodes } : {}), ...t });
    }
  }
}
