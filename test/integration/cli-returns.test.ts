import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { barcodeOf, hostCaller } from '../host/host-client';
import { shippable, stationWithOrders } from '../host/station-with-orders';

const CLI = 'out/main/cli.js';

/** Runs the built `packdesk` command against a data folder, in English. */
function packdesk(dataDir: string, args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir, '--lang', 'en'], { encoding: 'utf8', cwd: process.cwd() });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** A printed 'YYYY-MM-DD HH:MM' read as Beijing time: how far from now it is, in minutes. */
const minutesFromNow = (beijing: string) => Math.abs(Date.parse(`${beijing.replace(' ', 'T')}:00+08:00`) - Date.now()) / 60_000;

describe('packdesk returns receive', () => {
  let dataDir: string;
  let trackingNo: string;
  let sku: string;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('Build the app first (npm run build): this test drives the built CLI.');
    dataDir = mkdtempSync(join(tmpdir(), 'packdesk-cli-returns-'));
    // A parcel of one unit shipped, a supervisor and a packer.
    const { host, generated } = await stationWithOrders(10, { dataDir });
    const call = hostCaller(host);
    await call('users.save', { name: '王主管', role: 'supervisor', pin: '4321' });
    await call('users.save', { name: '小李', role: 'packer', pin: '1111' });
    const order = generated.orders.find((o) => shippable(o) && o.lines.length === 1 && o.lines[0]!.qty === 1)!;
    sku = order.lines[0]!.skuCode!;
    await call('bench.scan', { code: order.externalId, source: 'wedge' });
    trackingNo = (await call('bench.scan', { code: barcodeOf(sku), source: 'wedge' })).shipment!.trackingNo;
    await host.context.labels.idle();
    await call('session.logout', {});
    host.close();
  }, 60_000);

  it('says when and by whom a return was received, in Beijing time, and not its id', () => {
    const received = packdesk(dataDir, ['returns', 'receive', '--parcel', trackingNo, '--good', `${sku}:1`, '--pin', '1111']);
    expect(received.err).toBe('');
    const line = /^Return received \((\d{4}-\d\d-\d\d \d\d:\d\d), 小李\): order \d+, good 1, defective 0 \(damage reports —\), missing 0, photos 0$/.exec(received.out.trim());
    expect(line, received.out).not.toBeNull();
    expect(minutesFromNow(line![1]!)).toBeLessThan(2);
  });

  it('takes in what the order does not account for only with --confirm and a supervisor\'s PIN, saying what is missing', () => {
    const again = ['returns', 'receive', '--parcel', trackingNo, '--good', `${sku}:1`];
    const refused = packdesk(dataDir, [...again, '--pin', '1111']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('check for a return received twice');
    expect(refused.err).toContain('(to take it in anyway: add --confirm --pin with a supervisor\'s PIN)');

    for (const pin of [[], ['--pin', '1111']]) {
      const packer = packdesk(dataDir, [...again, '--confirm', ...pin]);
      expect(packer.code).toBe(1);
      expect(packer.err.trim()).toBe('packdesk returns: --confirm takes a supervisor\'s or admin\'s authority: add --pin with their PIN');
    }

    const taken = packdesk(dataDir, [...again, '--confirm', '--pin', '4321']);
    expect(taken.err).toBe('');
    expect(taken.out).toMatch(/^Return received \(\d{4}-\d\d-\d\d \d\d:\d\d, 王主管\): order \d+, good 1,/);
  });

  it('an unknown return has nothing missing', () => {
    const refused = packdesk(dataDir, ['returns', 'receive', '--parcel', 'SF1400000000098', '--missing', `${sku}:1`, '--pin', '1111']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`An unknown return has no parcel to miss ${sku} from`);
    // A broken unit found in one is a damage report that names the number scanned, not "order —".
    const broken = packdesk(dataDir, ['returns', 'receive', '--parcel', 'ZT9999999999', '--defective', `${sku}:1:broken`, '--note', '七天无理由', '--pin', '1111']);
    expect(broken.err).toBe('');
    const line = packdesk(dataDir, ['damage', 'list', '--pin', '4321']).out.split('\n').find((l) => l.includes('ZT9999999999'));
    expect(line).toContain(`Return ZT9999999999  ${sku} ×1`);
    expect(line).not.toContain('order ');
    expect(line).not.toContain('七天无理由');
  });
});
