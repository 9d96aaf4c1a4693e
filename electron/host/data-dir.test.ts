import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAppDataDir, resolveDataDir } from './data-dir';

describe('resolveDataDir', () => {
  const base = mkdtempSync(join(tmpdir(), 'packdesk-dd-'));

  it('prefers --data-dir, then PACKDESK_DATA_DIR, then the OS folder, and creates it', () => {
    const flag = join(base, 'flag');
    const env = join(base, 'env');
    expect(resolveDataDir(['node', 'cli', '--data-dir', flag], { PACKDESK_DATA_DIR: env })).toBe(flag);
    expect(resolveDataDir(['node', 'cli', `--data-dir=${flag}2`], {})).toBe(`${flag}2`);
    expect(resolveDataDir(['node', 'cli'], { PACKDESK_DATA_DIR: env })).toBe(env);
    expect(resolveDataDir(['node', 'cli'], {}, join(base, 'os'))).toBe(join(base, 'os'));
    expect(existsSync(flag) && existsSync(env)).toBe(true);
  });

  it('uses the per-user app-data location of each OS', () => {
    expect(defaultAppDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming.Packdesk$/);
    expect(defaultAppDataDir({ XDG_CONFIG_HOME: '/home/a/.config' }, 'linux')).toBe('/home/a/.config/Packdesk');
    expect(defaultAppDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Packdesk$/);
  });
});
