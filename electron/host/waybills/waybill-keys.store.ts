import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '#shared/contract/errors';
import type { WaybillProviderName } from '#shared/domain/e-waybill';
import { msg } from '#shared/i18n/message';
import { PRIVATE_FILE_MODE, tightenFiles } from '../private-files';
import { parseProviderKeys, WAYBILL_KEYS_MAX_BYTES, waybillKeysSchema, type WaybillKeys } from '../providers.port';

/**
 * How secrets are sealed at rest: the desktop app passes Electron's safeStorage (the OS keychain /
 * DPAPI / libsecret); elsewhere (browser station, CLI) there is none, and the file's 0600 mode is
 * the protection, as for the station's database.
 */
export type SecretBox = { kind: 'os'; seal(text: string): Buffer; open(sealed: Buffer): string };

export const WAYBILL_KEYS_FILE = 'waybill-keys.json';
const fileSchema = z.union([
  z.strictObject({ v: z.literal(1), sealed: z.literal(true), data: z.base64().max(WAYBILL_KEYS_MAX_BYTES * 2) }),
  z.strictObject({ v: z.literal(1), sealed: z.literal(false), keys: z.unknown() }),
]);

/**
 * The e-waybill accounts of a station working on its own (with a hub, the hub holds them). An
 * admin enters them; they never leave this file: not in an op, a log line, an RPC answer or an error.
 */
export function createWaybillKeysStore(dataDir: string, box: SecretBox | null) {
  const file = join(dataDir, WAYBILL_KEYS_FILE);
  const unreadable = () => new AppError('INVALID_INPUT', msg('waybills.keys.unreadable', { file }));

  function read(): WaybillKeys {
    if (!existsSync(file)) return {};
    if (statSync(file).size > WAYBILL_KEYS_MAX_BYTES * 3) throw unreadable();
    let stored: z.output<typeof fileSchema>;
    try {
      stored = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      throw unreadable();
    }
    let plain: unknown;
    try {
      if (stored.sealed) {
        // Sealed by this PC's keychain: another PC (a copied data folder) cannot open it.
        if (!box) throw unreadable();
        plain = JSON.parse(box.open(Buffer.from(stored.data, 'base64')));
      } else {
        plain = stored.keys;
      }
    } catch {
      throw unreadable();
    }
    const parsed = waybillKeysSchema.safeParse(plain);
    if (!parsed.success) throw unreadable();
    return parsed.data;
  }

  function write(keys: WaybillKeys): void {
    const text = JSON.stringify(keys);
    const body = box ? { v: 1, sealed: true, data: box.seal(text).toString('base64') } : { v: 1, sealed: false, keys };
    // Written whole then renamed: a crash never leaves half a keys file.
    const temp = `${file}.tmp`;
    writeFileSync(temp, JSON.stringify(body), { mode: PRIVATE_FILE_MODE });
    tightenFiles([temp]);
    renameSync(temp, file);
  }

  return {
    /** How the file is protected: 'os' (sealed by the OS keychain) or 'file' (0600 only). */
    protection: (): 'os' | 'file' => (box ? 'os' : 'file'),
    read,
    /** Saves one provider's account (checked field by field; the error names the field, never its value). */
    save(provider: WaybillProviderName, input: unknown): void {
      const parsed = parseProviderKeys(provider, input);
      if (!parsed.ok) throw new AppError('INVALID_INPUT', msg('waybills.keys.badField', { provider, field: parsed.field }));
      write({ ...read(), [provider]: parsed.keys });
    },
    remove(provider: WaybillProviderName): void {
      const keys = read();
      delete keys[provider];
      write(keys);
    },
  };
}
export type WaybillKeysStore = ReturnType<typeof createWaybillKeysStore>;
