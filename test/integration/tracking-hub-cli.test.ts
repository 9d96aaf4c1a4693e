import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKuaidi100Fake, type Kuaidi100Fake } from '../fakes/kuaidi100.fake';
import { startTestHub } from '../helpers/hub-db';
import { op } from '../helpers/op-fixtures';

const CLI = 'out/main/cli.js';
const packdesk = (dataDir: string, args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [CLI, 'tracking', ...args, '--data-dir', dataDir, '--lang', 'en'], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** The same, without blocking this process: the provider fake answers from it. */
const packdeskAsync = (dataDir: string, args: string[]) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, 'tracking', ...args, '--data-dir', dataDir, '--lang', 'en'], { env: { ...process.env, DATABASE_URL: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });

/** `packdesk tracking keys|poll` as an admin runs them at the hub (SQLite; the service tests cover PostgreSQL). */
describe('packdesk tracking keys|poll (built CLI)', () => {
  let dataDir: string;
  let fake: Kuaidi100Fake;
  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('Build the app first (npm run build): this test drives the built CLI.');
    dataDir = mkdtempSync(join(tmpdir(), 'packdesk-tracking-cli-'));
    fake = await startKuaidi100Fake({ key: 'SECRETKEY123', customer: 'CUSTOMER0001' });
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores the keys readable by this user only, never prints them, and polls once printing what changed', { timeout: 60_000 }, async () => {
    const bad = packdesk(dataDir, ['keys', 'kuaidi100', '--key', 'SECRETKEY123']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--customer');
    expect(bad.err).not.toContain('SECRETKEY123');
    expect(packdesk(dataDir, ['poll']).err).toContain('No tracking provider keys');

    // The key from the environment: it is not on the command line, where any user of the PC sees it.
    const saved = packdesk(dataDir, ['keys', 'kuaidi100', '--customer', 'CUSTOMER0001', '--endpoint', fake.url], { PACKDESK_TRACKING_KEY: 'SECRETKEY123' });
    expect(saved.code, saved.err).toBe(0);
    expect(saved.out).toContain('hub-tracking-keys.json');
    expect(saved.out + saved.err).not.toContain('SECRETKEY123');
    const file = join(dataDir, 'hub-tracking-keys.json');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ kuaidi100: { key: 'SECRETKEY123', customer: 'CUSTOMER0001', callbackUrl: null } });

    // A shop with one printed parcel, on the same hub storage.
    const hub = await startTestHub({ dataDir, trackingEveryMs: 0 });
    const sup = await hub.station('sup', 'supervisor');
    const packer = await hub.station('pack');
    await sup.push(op('order.imported', { id: 'taobao:3000001', externalId: '3000001' }));
    await packer.push(
      op('shipment.created', { id: 'sh-c1', groupId: 'sh-c1', orderId: 'taobao:3000001', orderExternalId: '3000001', trackingNo: 'YT7400000000777' }),
      op('shipment.printed', { id: 'sh-c1', at: new Date().toISOString() }),
    );
    await hub.close();
    fake.setParcel({ com: 'yuantong', num: 'YT7400000000777', state: '1', nodes: [{ ftime: '2026-11-26 18:00:00', context: '快件已揽收', areaName: '广东,东莞市', status: '揽收' }] });

    const polled = await packdeskAsync(dataDir, ['poll']);
    expect(polled.code, polled.err).toBe(0);
    expect(polled.out).toMatch(/YT7400000000777 \(.+\): no trace yet → picked up/);
    expect(polled.out).toContain('Asked 1, subscribed 0, changed 1, failed 0');
    expect(polled.out + polled.err).not.toContain('SECRETKEY123');
  });
});
