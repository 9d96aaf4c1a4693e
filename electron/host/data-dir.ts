import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensurePrivateDir } from './private-files';

/** The OS's per-user app-data folder for Packdesk, as Electron's app.getPath('userData') would give it. */
export function defaultAppDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Packdesk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Packdesk');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'Packdesk');
}

/**
 * Data folder: `--data-dir <path>` wins, then PACKDESK_DATA_DIR, then the OS app-data location.
 * Created (or tightened) as 0700: it holds buyers' addresses and the hub token.
 */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, fallback = defaultAppDataDir(env)): string {
  const flagAt = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  const flag = flagAt < 0 ? undefined : argv[flagAt]?.includes('=') ? argv[flagAt]?.split('=')[1] : argv[flagAt + 1];
  const dir = resolve(flag || env['PACKDESK_DATA_DIR'] || fallback);
  ensurePrivateDir(dir);
  return dir;
}
