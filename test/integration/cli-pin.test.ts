import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostCaller } from '../host/host-client';
import { createTempHost } from '../host/temp-host';

const CLI = 'out/main/cli.js';
const CATALOG = 'resources/samples/商品资料-示例.csv';

/** Runs the built `packdesk` command against a data folder, in the language given (the station's: Chinese by default). */
function packdesk(dataDir: string, args: string[], lang = 'zh-CN') {
  const result = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir, '--lang', lang], { encoding: 'utf8', cwd: process.cwd() });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** What the station keeps in its meta table: the bench's wrong PINs (README "Security": PIN backoff) and who is logged in. */
function stationMeta(dataDir: string) {
  const db = new Database(join(dataDir, 'station.db'), { readonly: true });
  try {
    const value = (key: string) => db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
    const attempts = JSON.parse(value('pin_attempts:bench') ?? '{"failures":0}') as { failures: number };
    const session = JSON.parse(value('session') ?? '{"userId":null}') as { userId: string | null };
    const lockouts = db.prepare("SELECT count(*) FROM audit_log WHERE action = 'session.pinLockout'").pluck().get() as number;
    return { failures: attempts.failures, userId: session.userId, lockouts };
  } finally {
    db.close();
  }
}

/** Commands that need a supervisor's or admin's PIN take it from --pin only, and say so in one line when it is missing or not theirs. */
describe('packdesk --pin for a supervisor’s commands', () => {
  let dataDir: string;
  let pool: string;
  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('Build the app first (npm run build): this test drives the built CLI.');
    dataDir = mkdtempSync(join(tmpdir(), 'packdesk-cli-pin-'));
    // A bench whose admin changed the factory PIN, with a supervisor and a packer.
    const host = createTempHost({ dataDir });
    const call = hostCaller(host);
    await call('session.login', { pin: '0000' });
    await call('users.save', { name: '王主管', role: 'supervisor', pin: '5678' });
    await call('users.save', { name: '小李', role: 'packer', pin: '1111' });
    const admin = (await call('users.list', {})).find((u) => u.role === 'admin')!;
    await call('users.save', { id: admin.id, name: admin.name, role: 'admin', pin: '9876' });
    await call('session.logout', {});
    host.close();
    pool = join(dataDir, 'zto.txt');
    writeFileSync(pool, '运单号\nZT7300000000001-ZT7300000000010\n');
  });

  it('refuses a packer’s PIN for pool with one line in the station’s language: no code, no JSON', { timeout: 60_000 }, () => {
    const chinese = packdesk(dataDir, ['pool', 'ZTO', pool, '--pin', '1111']);
    expect([chinese.code, chinese.out, chinese.err]).toEqual([1, '', 'packdesk pool: 需要主管或管理员的 PIN（加上 --pin PIN）\n']);
    const english = packdesk(dataDir, ['pool', 'ZTO', pool, '--pin', '1111'], 'en');
    expect([english.code, english.out, english.err]).toEqual([1, '', "packdesk pool: Needs a supervisor's or admin's PIN (add --pin PIN)\n"]);
    // The packer's PIN was right (nothing counted), and it did not leave them logged in at the bench.
    expect(stationMeta(dataDir)).toEqual({ failures: 0, userId: null, lockouts: 0 });
  });

  it('without --pin, catalog and samples say whose PIN they need and how to give it, and try none: the bench never locks', { timeout: 120_000 }, () => {
    // More tries than the 5 free wrong PINs: none of them is a PIN typed at this bench.
    for (let i = 0; i < 6; i++) {
      const refused = packdesk(dataDir, ['catalog', CATALOG]);
      expect([refused.code, refused.out, refused.err]).toEqual([1, '', 'packdesk catalog: 需要主管或管理员的 PIN（加上 --pin PIN）\n']);
    }
    const samples = packdesk(dataDir, ['samples'], 'en');
    expect([samples.code, samples.out, samples.err]).toEqual([1, '', "packdesk samples: Needs a supervisor's or admin's PIN (add --pin PIN)\n"]);
    expect(stationMeta(dataDir)).toEqual({ failures: 0, userId: null, lockouts: 0 });

    // A PIN given is a PIN typed: the old factory PIN counts as a wrong one.
    const factory = packdesk(dataDir, ['catalog', CATALOG, '--pin', '0000']);
    expect([factory.code, factory.err]).toEqual([1, 'packdesk catalog: PIN 不正确\n']);
    expect(stationMeta(dataDir).failures).toBe(1);

    // The supervisor's PIN imports at once, resets the count, and logs them out again.
    const imported = packdesk(dataDir, ['catalog', CATALOG, '--pin', '5678']);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/^\d+ 个 SKU（新增 \d+，未变 \d+），\d+ 个条码\n$/);
    expect(stationMeta(dataDir)).toEqual({ failures: 0, userId: null, lockouts: 0 });
    expect(packdesk(dataDir, ['pool', 'ZTO', pool, '--pin', '9876'], 'en').out).toBe('10 numbers added, 0 already known\n');
  });

  it('without --pin, the other commands try the factory PIN only while it is the admin’s: here they refuse, and the bench never locks', { timeout: 120_000 }, () => {
    const commands = [['audit'], ['inbox'], ['damage', 'list'], ['handover', 'list'], ['waybill', 'status'], ['tracking', 'status', 'YT7400000000001']];
    for (const args of [...commands, ['damage', 'list']]) {
      const refused = packdesk(dataDir, args);
      expect([refused.code, refused.out, refused.err]).toEqual([1, '', `packdesk ${args[0]}: 此工作站没有人登录（加上 --pin PIN）\n`]);
    }
    expect(stationMeta(dataDir)).toEqual({ failures: 0, userId: null, lockouts: 0 });
    // With the supervisor's PIN the same command answers.
    const listed = packdesk(dataDir, ['damage', 'list', '--pin', '5678']);
    expect([listed.code, listed.err]).toEqual([0, '']);
  });

  it('a mistyped option or one missing its value is one line naming it, then the usage: no stack trace', { timeout: 60_000 }, () => {
    const unknown = packdesk(dataDir, ['damage', 'list', '--opne']);
    expect(unknown.code).toBe(2);
    expect(unknown.err.split('\n')[0]).toBe('不认识的选项：--opne');
    expect(unknown.err).toContain('packdesk serve');
    expect(unknown.err).not.toMatch(/\n\s+at |TypeError|ERR_PARSE_ARGS/);
    const missing = spawnSync(process.execPath, [CLI, 'audit', '--lang', 'en', '--pin'], { encoding: 'utf8' });
    expect([missing.status, missing.stderr.split('\n')[0]]).toEqual([2, 'The option --pin needs a value (--pin VALUE)']);
    expect(stationMeta(dataDir).failures).toBe(0);
  });

  it('names the admin when only an admin may (sync pair with a supervisor’s PIN)', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-cli-pin-admin-'));
    const host = createTempHost({ dataDir: dir });
    const call = hostCaller(host);
    return call('session.login', { pin: '0000' })
      .then(() => call('users.save', { name: '王主管', role: 'supervisor', pin: '5678' }))
      .then(() => call('session.logout', {}))
      .then(() => {
        host.close();
        const refused = packdesk(dir, ['sync', 'pair', 'https://127.0.0.1:9', '12345678', '--fingerprint', 'A'.repeat(64), '--pin', '5678']);
        expect([refused.code, refused.out, refused.err]).toEqual([1, '', 'packdesk sync: 需要管理员的 PIN（加上 --pin PIN）\n']);
      });
  });
});
