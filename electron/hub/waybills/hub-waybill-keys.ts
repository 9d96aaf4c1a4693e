import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '#shared/contract/errors';
import { msg, type Message } from '#shared/i18n/message';
import { parseProviderKeys, WAYBILL_KEYS_MAX_BYTES, waybillKeysSchema, type WaybillKeys, type WaybillProviderName } from '../providers.port';
import { ensurePrivateFolder, writePrivateFile } from '../store/private-files';

/**
 * The e-waybill accounts the hub 取号s with for every bench (issue 11), entered by an admin
 * (packdesk providers keys <provider> --hub --file …). One file in the hub's data folder readable
 * by its user only (0600), checked against the same strict schema the stations use; the keys never
 * appear in the log, an op, a reply or a log line (errors name the file or the field, never a value).
 */
export const HUB_WAYBILL_KEYS_FILE = 'hub-waybill-keys.json';

export const hubWaybillKeysFile = (dataDir: string) => join(dataDir, HUB_WAYBILL_KEYS_FILE);

/** The accounts the hub holds; none without a data folder or a file. Throws AppError when the file is damaged or oversized. */
export function readHubWaybillKeys(dataDir: string | null): WaybillKeys {
  if (dataDir === null) return {};
  const file = hubWaybillKeysFile(dataDir);
  if (!existsSync(file)) return {};
  const unreadable = () => new AppError('INVALID_INPUT', msg('hubWaybills.keys.unreadable', { file }));
  if (statSync(file).size > WAYBILL_KEYS_MAX_BYTES) throw unreadable();
  try {
    const parsed = waybillKeysSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: JSON that does not parse is as unreadable as one that does not validate
  }
  throw unreadable();
}

/** Saves one provider's account over what was there (checked field by field; the error names the field only). */
export function saveHubWaybillKeys(dataDir: string, provider: WaybillProviderName, input: unknown): string {
  const parsed = parseProviderKeys(provider, input);
  if (!parsed.ok) throw new AppError('INVALID_INPUT', msg('hubWaybills.keys.badField', { provider: waybillProviderLabel(provider), field: parsed.field }));
  const keys = { ...readHubWaybillKeys(dataDir), [provider]: parsed.keys };
  const text = JSON.stringify(keys, null, 2);
  if (Buffer.byteLength(text) > WAYBILL_KEYS_MAX_BYTES) throw new AppError('INVALID_INPUT', msg('hubWaybills.keys.tooLarge', { max: WAYBILL_KEYS_MAX_BYTES / 1024 }));
  ensurePrivateFolder(dataDir);
  const file = hubWaybillKeysFile(dataDir);
  writePrivateFile(file, text);
  return file;
}

/** Removes one provider's account (the hub stops fetching and cancelling with it). */
export function removeHubWaybillKeys(dataDir: string, provider: WaybillProviderName): void {
  const keys = readHubWaybillKeys(dataDir);
  if (!keys[provider]) return;
  delete keys[provider];
  writePrivateFile(hubWaybillKeysFile(dataDir), JSON.stringify(keys, null, 2));
}

/** A provider's name as people know it (快递100, 快递鸟, 菜鸟电子面单, 拼多多电子面单). */
export function waybillProviderLabel(provider: WaybillProviderName): Message {
  return provider === 'cainiao' || provider === 'pinduoduo' ? msg(`waybillProvider.platform.name.${provider}`) : msg(`waybillProvider.name.${provider}`);
}
