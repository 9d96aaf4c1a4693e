import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../electron/host/create-host';
import { resolveDataDir } from '../../electron/host/data-dir';
import { createHub } from '../../electron/hub/create-hub';
import { scheduleBackups } from '../../electron/hub/backup/backup-schedule';
import { hostCaller } from '../host/host-client';

/**
 * station.db holds buyers' names, phones and addresses and the hub token; hub.db and its backups
 * hold every bench's. Another user of the PC must not read them: files 0600, folders 0700, also
 * when an older version left them looser. The test runs under the common umask 022, where a file
 * created without care comes out 0644.
 */
const mode = (path: string) => statSync(path).mode & 0o777;
let umask: number;
beforeAll(() => {
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
});

describe('file modes (POSIX)', () => {
  it('a new station: data folder 0700; station.db, -wal, -shm and label files 0600; labels folder 0700', async () => {
    const dataDir = resolveDataDir(['node', 'cli', '--data-dir', join(mkdtempSync(join(tmpdir(), 'packdesk-modes-')), 'data')], {});
    const host = createHost({ dataDir, validateOutput: true });
    try {
      const call = hostCaller(host);
      await call('session.login', { pin: '0000' });
      const printed = await call('devices.testPrint', {});
      expect(mode(dataDir)).toBe(0o700);
      expect(readdirSync(dataDir).filter((f) => f.startsWith('station.db')).sort()).toEqual(['station.db', 'station.db-shm', 'station.db-wal']);
      for (const file of ['station.db', 'station.db-wal', 'station.db-shm']) expect(mode(join(dataDir, file)), file).toBe(0o600);
      expect(mode(join(dataDir, 'labels'))).toBe(0o700);
      expect(mode(printed.file!)).toBe(0o600);
    } finally {
      host.close();
    }
  });

  it('tightens what an older version left readable by others when the station opens', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'packdesk-modes-')), 'data');
    mkdirSync(dataDir);
    const first = createHost({ dataDir });
    first.context.db.prepare("INSERT INTO meta (key, value) VALUES ('probe', 'x')").run();
    first.close();
    mkdirSync(join(dataDir, 'labels'), { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'labels'), 0o755);
    chmodSync(join(dataDir, 'station.db'), 0o644);
    writeFileSync(join(dataDir, 'station.db-wal'), '');
    chmodSync(join(dataDir, 'station.db-wal'), 0o644);
    const again = createHost({ dataDir: resolveDataDir(['node', 'cli', '--data-dir', dataDir], {}) });
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'labels'))).toBe(0o700);
      for (const file of ['station.db', 'station.db-wal', 'station.db-shm']) expect(mode(join(dataDir, file)), file).toBe(0o600);
    } finally {
      again.close();
    }
  });

  it('the hub: hub.db and its -wal/-shm 0600, scheduled backups 0600 in a 0700 folder, older ones tightened', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'packdesk-hub-modes-')), 'hub');
    mkdirSync(dataDir, { mode: 0o755 });
    writeFileSync(join(dataDir, 'hub.db'), '');
    chmodSync(join(dataDir, 'hub.db'), 0o644);
    const hub = await createHub({ dataDir });
    const backups = join(dataDir, 'hub-backups');
    mkdirSync(backups, { mode: 0o755 });
    writeFileSync(join(backups, 'hub-20250101-000000.json'), '{}', { mode: 0o644 });
    const stop = scheduleBackups(hub, backups, 0.002, (line) => expect.fail(line));
    try {
      await hub.importPool('YTO', ['YT7400000000001']);
      expect(mode(dataDir)).toBe(0o700);
      for (const file of ['hub.db', 'hub.db-wal', 'hub.db-shm']) expect(mode(join(dataDir, file)), file).toBe(0o600);
      expect(mode(backups)).toBe(0o700);
      expect(mode(join(backups, 'hub-20250101-000000.json'))).toBe(0o600);
      await expect.poll(() => readdirSync(backups).length, { timeout: 10_000 }).toBeGreaterThan(1);
      stop();
      for (const file of readdirSync(backups)) expect(mode(join(backups, file)), file).toBe(0o600);
    } finally {
      stop();
      await hub.close();
    }
  });
});
