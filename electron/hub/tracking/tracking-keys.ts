import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { ensurePrivateFolder, writePrivateFile } from '../store/private-files';
import { KDNIAO_ENDPOINT, kdniaoProvider } from './kdniao.provider';
import { KUAIDI100_ENDPOINT, kuaidi100Provider } from './kuaidi100.provider';
import type { ProviderName, TrackingProvider } from './tracking-provider';

/**
 * Provider credentials, entered by an admin (packdesk tracking keys …). They live in one file in
 * the hub's data folder readable by its user only (0600), never in the log, an op or a log line:
 * a key is worth money (queries are paid per number).
 */
export const TRACKING_KEYS_FILE = 'hub-tracking-keys.json';

const secret = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/);
const url = z.url({ protocol: /^https?$/ }).max(500);
const limit = z.number().int().min(1).max(1_000_000);

const kuaidi100Keys = z.strictObject({
  key: secret, customer: secret, salt: secret.nullable(), callbackUrl: url.nullable(), endpoint: url.nullable(),
  /** Queries a day the account may spend (快递100 sells them in packs). */
  dailyLimit: limit,
});
const kdniaoKeys = z.strictObject({
  businessId: secret, appKey: secret, queryType: z.enum(['8001', '1002']), callbackUrl: url.nullable(), endpoint: url.nullable(), dailyLimit: limit,
});
const keysSchema = z.strictObject({ kuaidi100: kuaidi100Keys.optional(), kdniao: kdniaoKeys.optional() });
export type TrackingKeys = z.infer<typeof keysSchema>;

/** The free 1002 tier: "每日调用次数限制不超过500次" (§2.3, the lowest figure the sources give). */
export const DEFAULT_DAILY_LIMIT = 500;

export function readTrackingKeys(dataDir: string | null): TrackingKeys {
  if (dataDir === null) return {};
  const file = join(dataDir, TRACKING_KEYS_FILE);
  if (!existsSync(file)) return {};
  let parsed: z.ZodSafeParseResult<TrackingKeys>;
  try {
    parsed = keysSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    throw new AppError('INVALID_INPUT', msg('trackingHub.keys.unreadable', { file }));
  }
  if (!parsed.success) throw new AppError('INVALID_INPUT', msg('trackingHub.keys.unreadable', { file }));
  return parsed.data;
}

export type KeysInput = {
  key?: string; customer?: string; salt?: string; businessId?: string; callbackUrl?: string; endpoint?: string; dailyLimit?: number; queryType?: string;
};

/**
 * Saves one provider's keys over what was there. A callback URL without a salt gets a random one:
 * the salt is what proves a push came from 快递100.
 */
export function saveTrackingKeys(dataDir: string, provider: ProviderName, input: KeysInput): TrackingKeys {
  const keys = readTrackingKeys(dataDir);
  const field = (name: string) => (value: unknown) => {
    const shown = name === 'key' ? '' : String(value ?? '').slice(0, 100);
    return new AppError('INVALID_INPUT', msg('trackingHub.keys.badField', { field: name, value: shown }));
  };
  const check = <S extends z.ZodType>(schema: S, value: unknown, name: string): z.output<S> => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw field(name)(value);
    return parsed.data;
  };
  const callbackUrl = input.callbackUrl === undefined || input.callbackUrl === '' ? null : check(url, input.callbackUrl, 'callback-url');
  const endpoint = input.endpoint === undefined || input.endpoint === '' ? null : check(url, input.endpoint, 'endpoint');
  const dailyLimit = check(limit, input.dailyLimit ?? DEFAULT_DAILY_LIMIT, 'daily-limit');
  if (provider === 'kuaidi100') {
    const salt = input.salt ? check(secret, input.salt, 'salt') : callbackUrl ? randomBytes(12).toString('hex') : null;
    keys.kuaidi100 = { key: check(secret, input.key, 'key'), customer: check(secret, input.customer, 'customer'), salt, callbackUrl, endpoint, dailyLimit };
  } else {
    keys.kdniao = {
      businessId: check(secret, input.businessId, 'business-id'), appKey: check(secret, input.key, 'key'),
      queryType: check(z.enum(['8001', '1002']), input.queryType ?? '8001', 'query-type'), callbackUrl, endpoint, dailyLimit,
    };
  }
  ensurePrivateFolder(dataDir);
  writePrivateFile(join(dataDir, TRACKING_KEYS_FILE), JSON.stringify(keys, null, 2));
  return keys;
}

export type ConfiguredProvider = { provider: TrackingProvider; dailyLimit: number; subscribes: boolean };

/** The providers the keys configure, in the order the hub prefers them (快递100 first: its pushes carry whole traces). */
export function providersFrom(keys: TrackingKeys): ConfiguredProvider[] {
  const out: ConfiguredProvider[] = [];
  const k = keys.kuaidi100;
  if (k) {
    out.push({
      provider: kuaidi100Provider({ key: k.key, customer: k.customer, salt: k.salt, callbackUrl: k.callbackUrl, endpoint: trim(k.endpoint ?? KUAIDI100_ENDPOINT) }),
      dailyLimit: k.dailyLimit, subscribes: k.callbackUrl !== null && k.salt !== null,
    });
  }
  const n = keys.kdniao;
  if (n) {
    out.push({
      provider: kdniaoProvider({ businessId: n.businessId, appKey: n.appKey, queryType: n.queryType, callbackUrl: n.callbackUrl, endpoint: trim(n.endpoint ?? KDNIAO_ENDPOINT) }),
      dailyLimit: n.dailyLimit, subscribes: n.callbackUrl !== null,
    });
  }
  return out;
}

const trim = (u: string) => u.replace(/\/+$/, '');
