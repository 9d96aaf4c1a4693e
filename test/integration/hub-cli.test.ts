import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, pinHub, versions } from '../helpers/hub-db';

const CLI = 'out/main/cli.js';
const packdesk = (dataDir: string, args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, 'hub', ...args, '--data-dir', dataDir, '--lang', 'en'], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** The hub as a shop runs it: `packdesk hub` in a terminal, managed with its subcommands (SQLite; the API tests cover PostgreSQL). */
describe('packdesk hub (built CLI)', () => {
  let dataDir: string;
  let umask: number;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('Build the app first (npm run build): this test drives the built CLI.');
    dataDir = mkdtempSync(join(tmpdir(), 'packdesk-hub-cli-'));
    // The usual umask, under which a file written without care is readable by every user.
    umask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(umask);
  });

  it('serves with pairing codes, fills the pool, lists stations, backs up and restores with a new epoch', { timeout: 90_000 }, async () => {
    const hub = spawn(process.execPath, [CLI, 'hub', '--port', '0', '--data-dir', dataDir, '--lang', 'en'], { env: { ...process.env, DATABASE_URL: '' } });
    let out = '';
    hub.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => hub.on('exit', resolve));
    for (let i = 0; i < 600 && !/pair-code --role admin/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    const url = /Packdesk hub: (https:\/\/\S+)/.exec(out)?.[1];
    const code = /packer station:\s+(\d{8}) \(valid 30 minutes\)/.exec(out)?.[1];
    const fingerprint = /fingerprint \(SHA-256\): ((?:[0-9A-F]{4} ){15}[0-9A-F]{4})\n/.exec(out)?.[1];
    expect(out).toMatch(/Storage: sqlite \(.*hub\.db\)/);
    // No admin code at start, on purpose: the output says how to make one.
    expect(out).toContain('packdesk hub pair-code --role admin');
    expect(url && code && fingerprint).toBeTruthy();
    // What the admin reads to a station: the whole fingerprint, and the first five groups to type.
    expect(out).toContain(`type at least the first 20 characters: ${fingerprint!.slice(0, 24)}`);
    pinHub(url!, fingerprint!.replace(/ /g, '').toLowerCase());
    const paired = await call(url!, null, 'POST', '/pair', { ...versions, code, stationId: 'bench-1', stationName: '一号台' });
    expect(paired.status).toBe(200);

    const pool = join(dataDir, 'pool.txt');
    writeFileSync(pool, '运单号\nYT0000000000100-YT0000000000119\n');
    expect(packdesk(dataDir, ['pool', '圆通', pool]).out).toMatch(/YTO: 20 numbers added/);
    expect(packdesk(dataDir, ['stations']).out).toMatch(/一号台\tPacking station\tbench-1/);
    const supervisorCode = packdesk(dataDir, ['pair-code', '--role', 'supervisor']).out;
    expect(supervisorCode).toMatch(/Pairing code \(Supervisor station\): \d{8}/);
    expect(supervisorCode).toContain(`fingerprint (SHA-256): ${fingerprint}`);
    // A new PC for bench-1: a replacement code names the station it takes over.
    const replacement = packdesk(dataDir, ['pair-code', '--replaces', 'bench-1']).out;
    const replacementCode = /Replacement code for station bench-1 \(Packing station\): (\d{8})/.exec(replacement)?.[1];
    expect(replacement).toContain(`fingerprint (SHA-256): ${fingerprint}`);
    const newPc = await call(url!, null, 'POST', '/pair', { ...versions, code: replacementCode, stationId: 'new-pc', stationName: '一号台（新）' });
    expect(newPc.body).toMatchObject({ stationId: 'bench-1', lastSeq: 0 });
    const nobody = packdesk(dataDir, ['pair-code', '--replaces', 'nobody', '--lang', 'en']);
    expect([nobody.code, nobody.err.trim()]).toEqual([1, 'packdesk hub: No paired station nobody']);
    const wrongRole = packdesk(dataDir, ['pair-code', '--role', 'boss']);
    expect([wrongRole.code, wrongRole.err.trim()]).toEqual([1, 'packdesk hub: --role must be packer, supervisor or admin']);

    const backup = join(dataDir, 'backup.json');
    writeFileSync(backup, 'an older backup, readable by all', { mode: 0o644 });
    expect(packdesk(dataDir, ['backup', backup]).out).toMatch(/Backup written/);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'hub.db')).mode & 0o777).toBe(0o600);
    const epoch = /Epoch: (\S+)/.exec(out)?.[1];
    const restored = packdesk(dataDir, ['restore', backup]);
    const newEpoch = /New epoch: (\S+)/.exec(restored.out)?.[1];
    expect(newEpoch).toBeTruthy();
    expect(newEpoch).not.toBe(epoch);
    // The running hub answers with the new epoch at once: it keeps no copy of its own.
    expect((await call(url!, null, 'GET', '/health')).body).toMatchObject({ hubEpoch: newEpoch });

    hub.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('--insecure-http serves plain HTTP and says loudly that it is unsafe', async () => {
    const hub = spawn(process.execPath, [CLI, 'hub', '--port', '0', '--insecure-http', '--lang', 'en', '--data-dir', mkdtempSync(join(tmpdir(), 'packdesk-hub-cli-'))], {
      env: { ...process.env, DATABASE_URL: '' },
    });
    let out = '';
    hub.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => hub.on('exit', resolve));
    for (let i = 0; i < 600 && !/supervisor station: \d{8}/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    expect(out).toMatch(/Packdesk hub: http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain('WARNING: plain HTTP (--insecure-http)');
    expect(out).not.toMatch(/fingerprint/);
    hub.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
