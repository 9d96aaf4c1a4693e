import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';

const CLI = 'out/main/cli.js';

/** Runs the built `packdesk` command against a data folder, as a shop's script would. */
function packdesk(dataDir: string, args: string[], lang = 'en') {
  const result = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir, '--lang', lang], { encoding: 'utf8', cwd: process.cwd() });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('packdesk catalog export', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('Build the app first (npm run build): this test drives the built CLI.');
    dir = mkdtempSync(join(tmpdir(), 'packdesk-catalog-'));
    const skus = join(dir, 'skus.csv');
    writeFileSync(skus, '\uFEFF商家编码,名称,条码,箱规条码,箱规数量,重量(g),库位\r\nTEA-01,龙井,6901234567892,16901234567899,12,260,A-01\r\n-FREE,=赠品,6901234567878,,,,\r\n');
    expect(packdesk(dir, ['catalog', skus, '--pin', '0000']).code).toBe(0);
  });

  it('needs a supervisor’s or admin’s PIN, as the import does', () => {
    const refused = packdesk(dir, ['catalog', 'export', '--out', join(dir, 'x.csv')]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--pin');
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });

  it('writes the SKU list with stock to --out, and `packdesk catalog FILE` takes it back unchanged', () => {
    const out = join(dir, '商品资料.csv');
    const exported = packdesk(dir, ['catalog', 'export', '--out', out, '--pin', '0000'], 'zh-CN');
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.out.trim()).toBe(`已导出 2 个商品到 ${out}（改好后用 packdesk catalog 再导入；库存列不会导入）`);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parse(bytes.subarray(3).toString('utf8'))).toEqual([
      ['商家编码', '名称', '条码', '箱规条码', '箱规数量', '重量(g)', '库位', '安全库存', '库存'],
      ["'-FREE", "'=赠品", '6901234567878', '', '', '', '', '', '0'],
      ['TEA-01', '龙井', '6901234567892', '16901234567899', '12', '260', 'A-01', '', '0'],
    ]);

    const again = packdesk(dir, ['catalog', out, '--pin', '0000']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('2 SKUs (0 new, 2 unchanged), 0 barcodes');
    const second = join(dir, 'again.csv');
    expect(packdesk(dir, ['catalog', 'export', '--out', second, '--pin', '0000']).code).toBe(0);
    expect(readFileSync(second).equals(bytes)).toBe(true);
  });
});
