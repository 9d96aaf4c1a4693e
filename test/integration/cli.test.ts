import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBarcodes } from '../helpers/barcode-decode';

const CLI = 'out/main/cli.js';

/** Runs the built `packdesk` command against a data folder, as a shop's script would (in English unless told). */
function packdesk(dataDir: string, args: string[], input?: string, lang = 'en') {
  const result = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir, '--lang', lang], { encoding: 'utf8', input, cwd: process.cwd() });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** Loads the samples and packs one shippable sample order from stdin scans, as a shop's script would. */
function shipSampleOrder(dataDir: string) {
  expect(packdesk(dataDir, ['samples', '--pin', '0000']).out).toMatch(/Samples loaded: \d+ orders/);

  // Pick a shippable sample order whose every line has a barcode in the sample catalog.
  const decode = (bytes: Buffer) => (bytes[0] === 0xef && bytes[1] === 0xbb ? bytes.toString('utf8') : iconv.decode(bytes, 'gbk'));
  const read = (file: string) =>
    parse(decode(readFileSync(`resources/samples/${file}`)), { columns: (h: string[]) => h.map((x) => x.trim()), bom: true, relax_quotes: true }) as Record<string, string>[];
  const strip = (id: string) => id.replace(/^="?|"$/g, '');
  const barcodeOf = new Map(read('商品资料-示例.csv').map((r) => [r['商家编码']!, r['条码']!.split('|')[0]!]));
  const details = read('ExportOrderDetailList202503011030.csv');
  const linesOf = (id: string) => details.filter((d) => strip(d['订单编号']!) === id);
  const candidate = read('ExportOrderList202503011030.csv')
    .filter((o) => o['订单状态']!.replace('，', ',') === '买家已付款,等待卖家发货' && Number((o['退款金额'] ?? '0').replace('元', '')) === 0)
    .map((o) => strip(o['订单编号']!))
    .find((id) => linesOf(id).length > 0 && linesOf(id).every((l) => barcodeOf.has(l['商家编码']!)));
  expect(candidate).toBeDefined();
  const scans = [candidate!, ...linesOf(candidate!).flatMap((l) => Array.from({ length: Number(l['购买数量']) }, () => barcodeOf.get(l['商家编码']!)!))];

  // …and the order once more, now shipped: blocked, with the reason in the CLI's language.
  const bench = packdesk(dataDir, ['bench', '--pin', '0000'], `${[...scans, candidate!].join('\n')}\n`);
  const outcomes = bench.out.trim().split('\n').map((l) => JSON.parse(l) as { outcome: string; trackingNo?: string; reason?: string });
  expect(outcomes[0]!.outcome).toBe('opened');
  expect(outcomes.at(-1)).toMatchObject({ outcome: 'blocked', reason: 'Already shipped' });
  const trackingNo = outcomes.at(-2)!.trackingNo!;
  expect(outcomes.at(-2)!.outcome).toBe('completed');
  expect(trackingNo).toMatch(/^YT\d{13}$/);
  expect(existsSync(join(dataDir, 'labels', `${trackingNo}.png`))).toBe(true);
  return { candidate: candidate!, trackingNo, skus: [...new Set(linesOf(candidate!).map((l) => l['商家编码']!))] };
}

describe('the packdesk CLI', () => {
  let dataDir: string;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('Build the app first (npm run build): this test drives the built CLI.');
    dataDir = mkdtempSync(join(tmpdir(), 'packdesk-cli-'));
  });

  it('loads the samples, packs an order from stdin scans, renders its label and exports 批量发货', () => {
    const { candidate, trackingNo } = shipSampleOrder(dataDir);
    const pngOut = join(dataDir, 'label.png');
    expect(packdesk(dataDir, ['label', candidate!, '--format', 'png', '--out', pngOut]).code).toBe(0);
    return decodeBarcodes(readFileSync(pngOut)).then((codes) => {
      expect(codes.map((c) => c.text)).toContain(trackingNo);
      const tsplOut = join(dataDir, 'label.tspl');
      expect(packdesk(dataDir, ['label', trackingNo, '--format', 'tspl', '--out', tsplOut]).code).toBe(0);
      expect(readFileSync(tsplOut, 'latin1')).toMatch(new RegExp(`BARCODE [^\\r\\n]*"${trackingNo}"`));

      const csvOut = join(dataDir, 'ship.csv');
      expect(packdesk(dataDir, ['export', '--encoding', 'gbk', '--out', csvOut]).out).toMatch(/1 shipments/);
      expect(iconv.decode(readFileSync(csvOut), 'gbk')).toContain(`${candidate},圆通速递,${trackingNo}`);
      // --all again as XLSX: an Excel file (a zip) holding the same number; a wrong value is refused, naming what it takes.
      const xlsxOut = join(dataDir, 'ship.xlsx');
      expect(packdesk(dataDir, ['export', '--all', '--format', 'xlsx', '--out', xlsxOut]).out).toMatch(/1 shipments/);
      expect(readFileSync(xlsxOut).subarray(0, 2).toString('latin1')).toBe('PK');
      // Everything is exported now: refused as the screen refuses it, and no header-only file is written.
      const emptyOut = join(dataDir, 'empty.csv');
      const empty = packdesk(dataDir, ['export', '--out', emptyOut]);
      expect([empty.code, empty.err]).toEqual([1, 'packdesk export: Nothing to export\n']);
      expect(existsSync(emptyOut)).toBe(false);
      const refused = packdesk(dataDir, ['export', '--encoding', 'latin1']);
      expect([refused.code, refused.err]).toEqual([1, 'packdesk export: --encoding takes gbk|utf-8, not “latin1”\n']);
    });
  });

  it('rejects a broken file with the row and column, and exits non-zero', () => {
    const bad = join(dataDir, 'ExportOrderList-bad.csv');
    const header = '订单编号,买家会员名,买家实际支付金额,订单状态,收货人姓名,收货地址 ,联系手机,订单付款时间 ,宝贝标题 ,宝贝总数量\r\n';
    const row = '="400000000000000001",nick,abc,买家已付款，等待卖家发货,张三,浙江省 杭州市 余杭区 文一西路969号(311121),\'13800000000,2026-11-20 10:00:00,T恤,1\r\n';
    writeFileSync(bad, iconv.encode(header + row, 'gbk'));
    const detail = join(dataDir, 'ExportOrderDetailList-bad.csv');
    writeFileSync(detail, iconv.encode('订单编号,标题,价格,购买数量,外部系统编号,商品属性,套餐信息,备注,订单状态,商家编码\r\n', 'gbk'));
    const result = packdesk(dataDir, ['import', bad, detail], undefined, 'en');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/ExportOrderList-bad\.csv row 2 \[买家实际支付金额\]: not an amount: "abc"/);
    expect(result.err).toMatch(/nothing was imported/);
    const chinese = packdesk(dataDir, ['import', bad, detail], undefined, 'zh-CN');
    expect(chinese.err).toMatch(/ExportOrderList-bad\.csv 第 2 行 \[买家实际支付金额\]：金额格式错误：“abc”/);
    expect(chinese.err).toMatch(/没有导入任何数据/);
    // Fixed, it imports: one order is said as one.
    writeFileSync(bad, iconv.encode(header + row.replace(',abc,', ',10.00,'), 'gbk'));
    writeFileSync(detail, iconv.encode('订单编号,标题,价格,购买数量,外部系统编号,商品属性,套餐信息,备注,订单状态,商家编码\r\n="400000000000000001",T恤,10.00,1,,,,,买家已付款，等待卖家发货,SKU-X\r\n', 'gbk'));
    const fixed = packdesk(dataDir, ['import', bad, detail], undefined, 'en');
    expect([fixed.code, fixed.out]).toEqual([0, 'Taobao classic export: 1 order read: 1 new, 0 updated (0 status changes), 0 unchanged\n']);
  });

  it('refuses a SKU list with NUL in a code and an empty waybill list, saying where', () => {
    const skus = join(dataDir, 'skus-nul.csv');
    writeFileSync(skus, Buffer.from('商家编码,名称\r\nA-1,杯子\r\nB\u00002,碗\r\n', 'utf8'));
    const catalog = packdesk(dataDir, ['catalog', skus, '--pin', '0000'], undefined, 'en');
    expect(catalog.code).toBe(1);
    expect(catalog.err).toMatch(/skus-nul\.csv row 3 \[商家编码\]: holds the invisible control character U\+0000/);
    const pool = join(dataDir, 'pool-empty.txt');
    writeFileSync(pool, '运单号\n# none yet\n');
    const empty = packdesk(dataDir, ['pool', 'YTO', pool, '--pin', '0000'], undefined, 'en');
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/No waybill numbers found/);
  });

  it('files a damage report with a photo, lists it, and receives a returned parcel: good back on the shelf, broken apart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-cli-damage-'));
    const { candidate, trackingNo, skus } = shipSampleOrder(dir);
    const [first, second = skus[0]!] = skus as [string, string?];
    const canvas = createCanvas(400, 300);
    canvas.getContext('2d').fillRect(50, 50, 200, 100);
    const photo = join(dir, 'broken.jpg');
    writeFileSync(photo, await canvas.encode('jpeg', 85));
    const notPhoto = join(dir, 'notes.jpg');
    writeFileSync(notPhoto, 'the box was crushed\n');

    const refused = packdesk(dir, ['damage', 'report', '--order', candidate, '--sku', first, '--qty', '1', '--reason', 'broken', '--photo', notPhoto]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/Photo \S*notes\.jpg not kept: Not a JPEG, PNG or WebP picture/);
    // A word that is not one of the reasons is named, with the ones there are; 其他 asks for the note by its option.
    expect(packdesk(dir, ['damage', 'report', '--order', candidate, '--sku', first, '--reason', 'smashed']).err)
      .toContain('--reason smashed is not one of: broken | leaking | missing-parts | wrong-item | outer-box | other');
    expect(packdesk(dir, ['damage', 'report', '--order', candidate, '--sku', first, '--reason', 'other']).err).toContain('With --reason other, say what is wrong with --note');

    const filed = packdesk(dir, ['damage', 'report', '--order', trackingNo, '--sku', first, '--qty', '1', '--reason', 'broken', '--source', 'delivered', '--note', '买家说杯子碎了', '--photo', photo, '--json']);
    expect(filed.code).toBe(0);
    const report = JSON.parse(filed.out) as { id: string; photos: string[] };
    const sha = createHash('sha256').update(readFileSync(photo)).digest('hex');
    expect(report).toMatchObject({ orderExternalId: candidate, trackingNo, skuCode: first, reason: 'broken', source: 'delivered', note: '买家说杯子碎了', photos: [sha] });
    expect(existsSync(join(dir, 'attachments', sha))).toBe(true);
    const listed = packdesk(dir, ['damage', 'list', '--open']);
    expect(listed.out).toContain(report.id);
    expect(listed.out).toMatch(/Broken\s+Reported after delivery\s+photos 1\s+open/);

    const received = packdesk(dir, ['returns', 'receive', '--parcel', trackingNo, '--good', `${first}:1`, '--defective', `${second}:1:leaking`, '--photo', photo, '--json']);
    expect(received.code).toBe(0);
    const r = JSON.parse(received.out) as { id: string; unknown: boolean; damageReportIds: string[]; items: unknown[] };
    expect(r).toMatchObject({ unknown: false, orderExternalId: candidate, parcelTrackingNo: trackingNo, photos: [sha] });
    expect(r.damageReportIds).toHaveLength(1);
    const db = new Database(join(dir, 'station.db'), { readonly: true });
    const sum = (sku: string, bucket: string) => db.prepare("SELECT coalesce(sum(delta), 0) FROM stock_ledger WHERE sku_code = ? AND bucket = ? AND reason = 'return' AND ref = ?").pluck().get(sku, bucket, r.id);
    expect([sum(first, 'sellable'), sum(second, 'damaged')]).toEqual([1, 1]);
    db.close();
    expect(packdesk(dir, ['damage', 'list', '--json']).out).toContain(`"returnId": "${r.id}"`);

    const unknown = packdesk(dir, ['returns', 'receive', '--parcel', 'SF1400000000099', '--photo', photo, '--note', '无单退件']);
    expect(unknown.out).toMatch(/^Unknown return kept \(\d{4}-\d\d-\d\d \d\d:\d\d, Admin\): scanned SF1400000000099, good 0, defective 0, photos 1$/m);
    expect(packdesk(dir, ['returns', 'receive', '--order', '999999999', '--good', `${first}:1`]).err).toMatch(/No order or tracking number 999999999/);
    expect(packdesk(dir, ['returns', 'receive', '--order', candidate, '--good', `${first}`, '--defective', `${first}:x`]).err).toMatch(/Cannot read .*:x/);
  }, 60_000);

  it('lists the audit log filtered like the screen, as lines, JSON or the screen\'s CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'packdesk-cli-audit-'));
    expect(packdesk(dir, ['samples', '--pin', '0000']).code).toBe(0);
    const json = packdesk(dir, ['audit', '--json', '--kind', 'orders']);
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.out) as { total: number; entries: { whatKey: string; what: string; count: number; authorizedBy: string; atBeijing: string }[] };
    expect(listed.total).toBe(1);
    expect(listed.entries[0]).toMatchObject({ whatKey: 'audit.ops.order.imported', what: 'Order imported', authorizedBy: expect.stringMatching(/^Admin · /) });
    expect(listed.entries[0]!.count).toBeGreaterThan(10);
    // Days are Beijing days: everything happened today there, nothing on 1 January 2000.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const all = packdesk(dir, ['audit', '--limit', '500']).out.trim().split('\n');
    // Everything shown: the count alone; the --limit hint only when there is more to show.
    const shown = all.at(-1)!.match(/^(\d+) in all$/);
    expect(shown).not.toBeNull();
    expect(packdesk(dir, ['audit', '--limit', '1']).out.trim().split('\n').at(-1)).toBe(`Showing 1 of ${shown![1]} (--limit for more)`);
    expect(packdesk(dir, ['audit', '--from', today, '--to', today, '--limit', '500']).out.trim().split('\n').at(-1)).toBe(all.at(-1));
    expect(packdesk(dir, ['audit', '--to', '2000-01-01']).out.trim()).toBe('0 in all');
    // The factory administrator's name is found as stored and said in the reader's language.
    expect(packdesk(dir, ['audit', '--user', '管理员', '--limit', '1']).out).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\t.*\tauthorised by Admin · /);

    const csv = join(dir, 'audit.csv');
    expect(packdesk(dir, ['audit', '--kind', 'waybills', '--csv', csv]).out).toMatch(/entries \(\d+ matched\) → .*audit\.csv/);
    const bytes = readFileSync(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8'), { bom: true }) as string[][];
    expect(rows[0]).toEqual(['Time (Beijing)', 'Bench', 'Kind', 'What', 'Target', 'Count', 'Note', 'Done by', 'Authorised by']);
    expect(rows.slice(1).some((r) => /^YTO ×\d+$/.test(r[4]!) && r[2] === 'Waybills & carrier rules')).toBe(true);

    const badKind = packdesk(dir, ['audit', '--kind', 'everything']);
    expect(badKind.code).toBe(1);
    expect(badKind.err).toMatch(/unknown kind "everything" \(one of: forceVerify, bind/);
    expect(packdesk(dir, ['audit', '--from', '2026-02-30']).err).toMatch(/"2026-02-30" is not a day/);
    expect(packdesk(dir, ['audit', '--user', '无名氏']).err).toMatch(/No user named "无名氏"/);
  }, 60_000);

  it('says a command is unknown before the usage, on stderr, and exits 2; --help prints the usage alone and exits 0', { timeout: 60_000 }, () => {
    const unknown = packdesk(dataDir, ['frobnicate'], undefined, 'zh-CN');
    expect(unknown.code).toBe(2);
    expect(unknown.out).toBe('');
    expect(unknown.err.split('\n').slice(0, 4)).toEqual(['未知命令：frobnicate', 'packdesk — 发货台（Packdesk）命令行', '', '用法：']);
    const english = packdesk(dataDir, ['frobnicate']);
    expect([english.code, english.err.split('\n').slice(0, 2)]).toEqual([2, ['Unknown command: frobnicate', 'packdesk — the Packdesk station from the command line']]);
    // A name of Object's prototype is no command either.
    expect(packdesk(dataDir, ['toString']).err.split('\n')[0]).toBe('Unknown command: toString');
    // No command at all: the usage, without a complaint.
    const none = packdesk(dataDir, []);
    expect([none.code, none.err.split('\n')[0]]).toEqual([2, 'packdesk — the Packdesk station from the command line']);
    const help = packdesk(dataDir, ['--help'], undefined, 'zh-CN');
    expect([help.code, help.err, help.out.split('\n')[0]]).toEqual([0, '', 'packdesk — 发货台（Packdesk）命令行']);
  });

  it('shows in its help which commands take --pin, with matched brackets', { timeout: 60_000 }, () => {
    const lines = (lang: string) => packdesk(dataDir, ['--help'], undefined, lang).out.split('\n');
    const zh = lines('zh-CN');
    expect(zh).toContain('  packdesk catalog <文件.csv> --pin PIN                           导入商品和条码（主管/管理员）');
    expect(zh).toContain('  packdesk pool    <快递> <文件.txt> --pin PIN                    导入运单号（逐个列出或“起始-结束”；主管/管理员）');
    expect(zh).toContain('  packdesk samples --pin PIN                                      加载内置示例数据（主管/管理员）');
    expect(zh).toContain('标有 --pin PIN 的命令以该 PIN 的用户身份执行；catalog、pool、samples 需要主管或管理员的 PIN，不给则不会尝试任何 PIN。');
    expect(zh).toContain('其他命令不给 --pin 时，只在管理员仍使用出厂 PIN 0000 时以管理员身份执行，否则要求 --pin。');
    const en = lines('en');
    expect(en).toContain('  packdesk catalog <file.csv> --pin PIN                           import SKUs and barcodes (supervisor/admin)');
    expect(en).toContain('  packdesk pool    <CARRIER> <file.txt> --pin PIN                 add waybill numbers (lists or ranges a-b; supervisor/admin)');
    expect(en).toContain('  packdesk samples --pin PIN                                      load the bundled sample data (supervisor/admin)');
    // Every description in English starts lowercase, as the command lines read (UNSAFE is a warning in capitals).
    expect(en.filter((l) => l.startsWith(' ') && / {2,}[A-Z][a-z]/.test(l))).toEqual([]);
    for (const line of [...zh, ...en].filter((l) => l.startsWith('  packdesk '))) {
      expect(line).not.toMatch(/[‹›«»〈〉＜＞]/);
      expect(line.split('<').length, line).toBe(line.split('>').length);
    }
    for (const command of ['waybill fetch', 'waybill cancel', 'providers keys', 'sync    pair', 'audit', 'tracking import', 'inbox resolve', 'bench']) {
      expect(en.find((l) => l.startsWith(`  packdesk ${command}`)), command).toMatch(/--pin PIN/);
    }
  });

  it('speaks the language it is asked for: --lang, else the locale (Chinese unless English is asked for)', () => {
    expect(packdesk(dataDir, ['--help'], undefined, 'zh-CN').out).toMatch(/^用法：/m);
    // An empty LC_ALL is no choice (as in POSIX): LANG decides.
    const byLocale = (lang: string) =>
      spawnSync(process.execPath, [CLI, 'import', '--data-dir', dataDir], { encoding: 'utf8', env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: lang } }).stderr;
    expect(byLocale('en_US.UTF-8')).toBe('packdesk import: Name the export file(s) to import\n');
    expect(byLocale('C.UTF-8')).toBe('packdesk import: 请指定要导入的导出文件\n');
  }, 60_000);
});
