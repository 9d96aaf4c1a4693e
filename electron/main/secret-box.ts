import { safeStorage } from 'electron';
import type { SecretBox } from '../host/waybills/waybill-keys.store';

/**
 * Provider accounts sealed by the OS (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on
 * Linux) through Electron's safeStorage. Linux without a keyring gives only a hard-coded key
 * ('basic_text'): that is no better than the file's 0600 mode, so the host then keeps the plain
 * 0600 file and says so instead of pretending.
 */
export function osSecretBox(): SecretBox | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return { kind: 'os', seal: (text) => safeStorage.encryptString(text), open: (sealed) => safeStorage.decryptString(sealed) };
}
