import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParcelTracking } from '#shared/contract/tracking.contract';

const CLI = 'out/main/cli.js';

function packdesk(dataDir: string, args: string[], lang = 'en') {
  const result = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir, '--lang', lang], { encoding: 'utf8', cwd: process.cwd() });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** `packdesk tracking import|status` on the same host code as the Shipments screen: a GBK file in, a parcel's trace out. */
describe('packdesk tracking', () => {
  let dataDir: string;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('Build the app first (npm run build): this test drives the built CLI.');
    dataDir = mkdtempSync(join(tmpdir(), 'packdesk-cli-tracking-'));
  });

  it('imports a GBK trace file (refusing a bad one with its row and column) and shows the parcel newest event first', () => {
    const file = (name: string, lines: string[]) => {
      const path = join(dataDir, name);
      writeFileSync(path, iconv.encode(['运单号,快递公司,时间,状态,轨迹,城市,目的城市', ...lines].join('\r\n'), 'gbk'));
      return path;
    };
    const bad = packdesk(dataDir, ['tracking', 'import', file('bad.csv', ['ZT7300000000001,中通,2026-11-27 09:00:00,飞走了,x,,'])]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('bad.csv');
    expect(bad.err).toContain('[状态]');
    expect(bad.err).toContain('unknown status: "飞走了"');

    const good = packdesk(dataDir, ['tracking', 'import', file('good.csv', [
      '73000000000001,中通快递,2026-11-27 09:00:00,已揽收,【杭州市】快件已揽收,杭州市,上海市',
      '73000000000001,中通快递,2026-11-28 15:32:00,已签收,【上海市】已签收,上海市,',
    ]), '--encoding', 'gbk']);
    expect(good.err).toBe('');
    expect(good.out).toBe('Tracking imported: 2 rows, 1 parcels, 1 delivered, 0 coming back, 0 with a problem, 1 not parcels of this station yet\n');

    const text = packdesk(dataDir, ['tracking', 'status', '73000000000001']);
    expect(text.out).toBe(
      'ZTO Express 73000000000001  order -  Delivered\n' +
      '  2026-11-28 15:32  Delivered  上海市 【上海市】已签收\n' +
      '  2026-11-27 09:00  Picked up  杭州市 【杭州市】快件已揽收\n',
    );
    const json = JSON.parse(packdesk(dataDir, ['tracking', 'status', '73000000000001', '--json']).out) as { parcels: ParcelTracking[] };
    expect(json.parcels[0]).toMatchObject({ carrierCode: 'ZTO', state: 'delivered', source: 'csv', destCity: '上海市', deliveredAt: '2026-11-28T07:32:00.000Z' });
    const none = packdesk(dataDir, ['tracking', 'status', 'YT0000000000']);
    expect(none.code).toBe(1);
    expect(packdesk(dataDir, ['tracking', 'poke']).err).toContain('Unknown tracking action: poke');
  }, 120_000);
});
