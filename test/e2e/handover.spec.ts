import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { buildModel, defaultSkus, type SyntheticOrder } from '../fixtures/synthetic-orders';
import { decodeBarcodes } from '../helpers/barcode-decode';
import { exportFiles } from '../helpers/order-files';
import { readPdf, requirePoppler } from '../helpers/poppler';
import { adminPairingCode, expect, startHub, startStation, test } from './fixtures';
import { PhonePage } from './pages/PhonePage';
import { SCREENSHOTS, StationPage } from './pages/StationPage';
import { barcodeOf } from './pages/shop-files';

const SKUS = defaultSkus(6);
const catalogCsv = () =>
  iconv.encode(['商家编码,名称,条码,箱规条码,箱规数量,重量(g),库位', ...SKUS.map((c, i) => `${c},示例商品 ${c},${barcodeOf(c)},,,${100 + i},A-0${i}`)].join('\r\n'), 'gbk');
/** The platform's export of these orders, as the orders screen takes it. */
const orderFiles = (model: SyntheticOrder[]) => exportFiles(model).map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.base64, 'base64') }));

/**
 * The courier's pickup (交接), as issue 10 tells it: ten parcels are packed and printed at the bench;
 * the platform's next export says one buyer asked a refund; the packer opens a YTO handover and
 * scans eight parcels to the courier, and the refunded one, which is intercepted with a full-width
 * alarm; one parcel is never scanned. The courier signs on screen; the handover closes with 8 handed
 * over, 1 intercepted and 1 missing, both in the inbox; the 交接单 PDF renders and its barcodes scan.
 */
test('10 parcels printed, 8 handed over, 1 intercepted after a later import, 1 missing and flagged; the 交接单 PDF renders and scans', async ({ page, station }) => {
  test.setTimeout(180_000);
  requirePoppler();
  const ui = new StationPage(page);
  const model = buildModel({ orders: 40, seed: 23, skus: SKUS, quirks: false });
  const orders = model.filter((o) => o.kind === 'wait' && o.lines.length > 0).slice(0, 10);
  expect(orders).toHaveLength(10);
  await ui.open(station.url);
  await ui.loginWithPin('0000');
  await ui.stockShop(catalogCsv(), orderFiles(model));

  // Ten orders packed at the bench; the station's printer (PNG files) prints each label.
  await ui.goto('bench');
  for (const order of orders) {
    expect(await ui.scan(order.id)).toBe('opened');
    let outcome: string | null = null;
    for (const line of order.lines) for (let i = 0; i < line.qty; i++) outcome = await ui.scan(barcodeOf(line.sku));
    expect(outcome).toBe('completed');
  }
  await ui.goto('shipments');
  const rows = ui.page.locator('[data-testid^="shipment-row-"]');
  await expect(rows).toHaveCount(10);
  const numberOf = new Map<string, string>();
  for (const text of await rows.allInnerTexts()) {
    const order = orders.find((o) => text.includes(o.id));
    if (order) numberOf.set(order.id, /YT\d+/.exec(text)![0]);
  }
  expect(numberOf.size).toBe(10);
  const parcel = (o: SyntheticOrder) => numberOf.get(o.id)!;

  // The platform's next export: the buyer of the fourth order asked for a refund after the label.
  const refunded = orders[3]!;
  model.find((o) => o.id === refunded.id)!.refundFen = 100;
  await ui.goto('orders');
  await ui.id('orders-import-file').setInputFiles(orderFiles(model));
  await expect(ui.id('import-report')).toHaveAttribute('data-rejected', 'false');

  // The courier is here: a YTO handover expects the ten parcels.
  await ui.goto('handover');
  await expect(ui.id('handover-carrier-YTO')).toContainText('9 件待交接');
  await expect(ui.id('handover-carrier-kept')).toContainText('1 件拦截');
  await ui.id('handover-carrier-YTO').click();
  await expect(ui.id('handover-current')).toHaveAttribute('data-state', 'open');
  await expect(ui.id('handover-count-expected')).toHaveAttribute('data-value', '10');
  const scan = async (code: string) => {
    const feedback = ui.id('handover-feedback');
    const before = ((await feedback.count()) > 0 ? await feedback.getAttribute('data-seq') : null) ?? '';
    await ui.burst(code);
    await expect(ui.id('handover-feedback')).not.toHaveAttribute('data-seq', before);
    return ui.id('handover-feedback').getAttribute('data-outcome');
  };
  const missing = orders[9]!;
  const good = orders.filter((o) => o !== refunded && o !== missing);
  expect(good).toHaveLength(8);
  for (const o of good.slice(0, 4)) expect(await scan(parcel(o))).toBe('accepted');
  // The refunded order's parcel: intercepted at the scan, the whole width red, kept back.
  expect(await scan(parcel(refunded))).toBe('intercepted');
  await expect(ui.id('handover-feedback')).toContainText('拦截！不要交给快递员');
  await expect(ui.id('handover-feedback')).toContainText('退款');
  const alarm = await ui.id('handover-feedback').boundingBox();
  const screen = await ui.id('handover-current').boundingBox();
  expect(alarm!.width).toBeGreaterThan(screen!.width * 0.95);
  await ui.screenshot('handover-01-intercepted');
  for (const o of good.slice(4)) expect(await scan(parcel(o))).toBe('accepted');
  // A parcel scanned twice is a duplicate, not a ninth parcel.
  expect(await scan(parcel(good[0]!))).toBe('duplicate');
  await expect(ui.id('handover-count-accepted')).toHaveAttribute('data-value', '8');
  await expect(ui.id('handover-count-intercepted')).toHaveAttribute('data-value', '1');
  await expect(ui.id('handover-count-missing')).toHaveAttribute('data-value', '1');
  await expect(ui.id('handover-missing')).toContainText(parcel(missing));
  await expect(ui.id('handover-intercepted')).toContainText(parcel(refunded));
  await ui.screenshot('handover-02-scanned');

  // The courier signs on screen.
  await ui.id('handover-finish').click();
  await expect(ui.id('handover-missing-warn')).toContainText('还有 1 件没扫到');
  await ui.id('handover-courier').fill('张师傅');
  const pad = (await ui.id('signature-pad').boundingBox())!;
  await page.mouse.move(pad.x + pad.width * 0.1, pad.y + pad.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 24; i++) await page.mouse.move(pad.x + pad.width * (0.1 + i * 0.033), pad.y + pad.height * (0.5 + 0.25 * Math.sin(i / 2)));
  await page.mouse.up();
  await ui.screenshot('handover-03-signature');
  await ui.id('handover-confirm').click();
  await expect(ui.id('handover-current')).toHaveAttribute('data-state', 'closed');
  await expect(ui.id('handover-accepted')).toHaveAttribute('data-count', '8');
  await expect(ui.id('handover-missing')).toHaveAttribute('data-count', '1');
  await expect(ui.id('handover-intercepted')).toHaveAttribute('data-count', '1');
  await ui.screenshot('handover-04-closed');

  // The 交接单: downloaded, rendered by poppler, every handed-over number on it as text and as a Code128 that scans.
  const [download] = await Promise.all([page.waitForEvent('download'), ui.id('handover-pdf').click()]);
  expect(download.suggestedFilename()).toMatch(/^交接单-YTO-\d{8}-[0-9A-F]{4}\.pdf$/);
  const pdf = readPdf(readFileSync((await download.path())!), 150);
  const text = pdf.text.replace(/\s+/g, ' ');
  expect(text).toContain('快递交接单');
  expect(text).toContain('张师傅');
  expect(text).toContain('交接包裹（8 件）');
  expect(text).toMatch(new RegExp(`少件：面单已打印但未交接（1 件） ${parcel(missing)}`));
  // Kept back in the shop, by number only: the buyer's refund is not the courier's business.
  expect(text).toMatch(new RegExp(`已拦截：留在本店，不交给快递员（1 件） ${parcel(refunded)}`));
  expect(text).not.toContain('退款');
  const pages = readdirSync(pdf.dir).filter((f) => f.startsWith('page')).sort();
  const decoded = (await Promise.all(pages.map((f) => decodeBarcodes(readFileSync(join(pdf.dir, f)), 64)))).flat().map((d) => d.text);
  expect(decoded.sort()).toEqual(good.map(parcel).sort());
  // The first page as poppler drew it, kept with the screenshots.
  copyFileSync(join(pdf.dir, pages[0]!), `${SCREENSHOTS}/handover-05-sheet-page1.png`);

  // The inbox: the missing parcel and the intercepted one (red), for a supervisor.
  await ui.goto('inbox');
  await expect(ui.page.locator('[data-testid="inbox-row"][data-kind="handover-missing"]')).toContainText(parcel(missing));
  await expect(ui.page.locator('[data-testid="inbox-row"][data-kind="handover-intercepted"]')).toContainText(parcel(refunded));
  await ui.screenshot('handover-06-inbox');

  // The past handovers, with the sheet to download again.
  await ui.goto('handover');
  await ui.id('handover-back').click();
  await expect(ui.id('handover-row')).toHaveCount(1);
  await expect(ui.id('handover-row')).toContainText('张师傅');
  await expect(ui.id('handover-row-bench')).toHaveText('本机');
  await ui.screenshot('handover-07-past');

  // The 批量发货 file tells the truth: once the shop hands over, only the parcels the courier took go
  // up — not the one never scanned, not the intercepted one — and the export bar says so first.
  await ui.goto('shipments');
  await expect(ui.id('export-only-handed-over')).toBeChecked();
  await expect(ui.id('export-preview')).toContainText('将导出 8 行');
  await expect(ui.id('export-not-handed-over')).toContainText('2 个包裹还没交给快递');
  await ui.screenshot('handover-08-export');
  const [exported] = await Promise.all([page.waitForEvent('download'), ui.id('export-button').click()]);
  const lines = iconv.decode(readFileSync((await exported.path())!), 'gbk').trim().split('\r\n');
  expect(lines[0]).toBe('订单编号,物流公司,运单号');
  expect(lines.slice(1).map((l) => l.split(',')[2]).sort()).toEqual(good.map(parcel).sort());
});

/**
 * The courier signs on a phone: a bench paired with the shop's hub prints two parcels; a supervisor's
 * phone at the hub's desk opens the YTO handover, takes a number typed in, and the courier signs
 * with a finger. The closed handover reaches the bench through sync like any other.
 */
test('on a phone at the hub’s desk: a handover scanned, signed by the courier and closed; the bench lists it after sync', async ({ browser }) => {
  test.setTimeout(240_000);
  const hub = await startHub(mkdtempSync(join(tmpdir(), 'packdesk-e2e-hub-')), { pool: 200 });
  const bench = await startStation();
  const a = new StationPage(await browser.newPage());
  let phone: PhonePage | null = null;
  const syncNow = async () => {
    await a.id('sync-open').click();
    await a.id('sync-now').click();
  };
  try {
    await a.open(bench.url);
    await a.loginWithPin('0000');
    await a.goto('settings');
    await a.id('pair-hub-url').fill(hub.url);
    await a.id('pair-fingerprint').fill(hub.fingerprint);
    await a.id('pair-code').fill(adminPairingCode(hub));
    await a.id('pair-name').fill('打包台 A');
    await a.id('pair-submit').click();
    await expect(a.id('sync-indicator')).toHaveAttribute('data-state', 'online');
    await a.id('user-new').click();
    await a.id('user-name').fill('王主管');
    await a.id('user-role').selectOption('supervisor');
    await a.id('user-pin').fill('2468');
    await a.id('user-save').click();
    await expect(a.id('user-row-王主管')).toBeVisible();
    const model = buildModel({ orders: 20, seed: 29, skus: SKUS, quirks: false });
    const orders = model.filter((o) => o.kind === 'wait' && o.lines.length > 0).slice(0, 2);
    await a.goto('catalog');
    await a.id('catalog-import-file').setInputFiles({ name: '商品资料.csv', mimeType: 'text/csv', buffer: catalogCsv() });
    await expect(a.id('catalog-report')).toHaveAttribute('data-rejected', 'false');
    await a.goto('shipments');
    await a.id('tab-rules').click();
    await a.id('rule-default').selectOption('YTO');
    await a.id('rules-save').click();
    await a.goto('orders');
    await a.id('orders-import-file').setInputFiles(orderFiles(model));
    await expect(a.id('import-report')).toHaveAttribute('data-rejected', 'false');
    await expect(async () => {
      await syncNow();
      await a.goto('shipments');
      await a.id('tab-carriers').click();
      await expect(a.id('pool-free-YTO')).not.toHaveText(/^0\b/, { timeout: 2000 });
    }).toPass({ timeout: 30_000 });
    await a.goto('bench');
    for (const order of orders) {
      expect(await a.scan(order.id)).toBe('opened');
      let outcome: string | null = null;
      for (const line of order.lines) for (let i = 0; i < line.qty; i++) outcome = await a.scan(barcodeOf(line.sku));
      expect(outcome).toBe('completed');
    }
    const numbers = ((await a.id('order-shipments').innerText()).match(/YT\d+/g) ?? []).slice(0, 1);
    await syncNow();
    await expect(a.id('sync-pending')).toHaveAttribute('data-count', '0');

    // The phone: the handover tab, YTO with both parcels once the desk has synced.
    phone = await PhonePage.open(browser, hub.phoneUrl);
    await phone.login('王主管', '2468');
    await expect(phone.id('desk-user')).toContainText('王主管');
    await expect(async () => {
      await phone!.tab('inbox');
      await phone!.tab('handover');
      await expect(phone!.id('handover-carrier-YTO')).toContainText('2', { timeout: 2000 });
    }).toPass({ timeout: 30_000 });
    await phone.id('handover-carrier-YTO').tap();
    await expect(phone.id('handover-current')).toHaveAttribute('data-state', 'open');
    await phone.id('handover-code').fill(numbers[0]!);
    await phone.id('handover-code-submit').tap();
    await expect(phone.id('handover-feedback')).toHaveAttribute('data-outcome', 'accepted');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot('handover-08-phone-scan');
    await phone.id('handover-finish').tap();
    await phone.id('handover-courier').fill('赵师傅');
    const pad = (await phone.id('signature-pad').boundingBox())!;
    await phone.page.mouse.move(pad.x + 20, pad.y + pad.height / 2);
    await phone.page.mouse.down();
    for (let i = 1; i <= 16; i++) await phone.page.mouse.move(pad.x + 20 + i * ((pad.width - 40) / 16), pad.y + pad.height * (0.5 + 0.3 * Math.sin(i)));
    await phone.page.mouse.up();
    await phone.screenshot('handover-09-phone-sign');
    await phone.id('handover-confirm').tap();
    await expect(phone.id('handover-current')).toHaveAttribute('data-state', 'closed');
    await expect(phone.id('handover-accepted')).toHaveAttribute('data-count', '1');
    await expect(phone.id('handover-missing')).toHaveAttribute('data-count', '1');
    await expect(phone.id('handover-print')).toHaveCount(0);
    await phone.screenshot('handover-10-phone-closed');

    // The bench hears of it: the handover is the shop's.
    await expect(async () => {
      await syncNow();
      await a.goto('bench');
      await a.goto('handover');
      await expect(a.id('handover-row')).toContainText('赵师傅', { timeout: 2000 });
    }).toPass({ timeout: 40_000 });
  } finally {
    await phone?.close();
    bench.process.kill('SIGTERM');
    hub.process.kill('SIGTERM');
  }
});
