import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { PNG } from 'pngjs';
import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { startCuttableProxy } from '../fakes/tcp-proxy.fake';
import { readPdf, requirePoppler } from '../helpers/poppler';
import { adminPairingCode, expect, fakeCamera, startHub, startStation, test, type Station } from './fixtures';
import { PhonePage } from './pages/PhonePage';
import { StationPage } from './pages/StationPage';
import { barcodeOf } from './pages/shop-files';

/**
 * The supervisor's half of the mission, end to end, as issue 8 tells it: bench A, unplugged, files a
 * broken item with two webcam photos; plugged back, its report and photos reach the hub; a
 * supervisor on a phone logs in at the hub, finds the report with its photos in the inbox and
 * decides reship; bench B packs the new parcel; stock adds up at every bench; the claim's evidence
 * PDF holds the photos and the order's scan log.
 */
test.use(fakeCamera());

const SKUS = defaultSkus(6);
const SUPERVISOR = { name: '王主管', pin: '2468' };
const catalogCsv = () =>
  iconv.encode(['商家编码,名称,条码,箱规条码,箱规数量,重量(g),库位', ...SKUS.map((c, i) => `${c},示例商品 ${c},${barcodeOf(c)},,,${100 + i},A-0${i}`)].join('\r\n'), 'gbk');

async function pair(ui: StationPage, hubUrl: string, code: string, fingerprint: string, name: string) {
  await ui.goto('settings');
  await ui.id('pair-hub-url').fill(hubUrl);
  await ui.id('pair-fingerprint').fill(fingerprint);
  await ui.id('pair-code').fill(code);
  await ui.id('pair-name').fill(name);
  await ui.id('pair-submit').click();
  await expect(ui.id('sync-indicator')).toHaveAttribute('data-state', 'online');
}

async function syncNow(ui: StationPage) {
  await ui.id('sync-open').click();
  await ui.id('sync-now').click();
}

/** How much of a rendered page is a photo rather than paper and text: pixels well away from white. */
const inked = (page: PNG) => {
  let n = 0;
  for (let i = 0; i < page.data.length; i += 4) if (page.data[i]! + page.data[i + 1]! + page.data[i + 2]! < 600) n += 1;
  return n / (page.width * page.height);
};

test('bench A files a broken item offline with two webcam photos; a supervisor on a phone decides reship from the inbox; bench B packs it; stock adds up; the evidence PDF holds the photos and the scan log', async ({ browser }) => {
  test.setTimeout(240_000);
  requirePoppler();
  const hub = await startHub(mkdtempSync(join(tmpdir(), 'packdesk-e2e-hub-')), { pool: 2000 });
  const cable = await startCuttableProxy({ host: '127.0.0.1', port: Number(new URL(hub.url).port) });
  const stations: Station[] = [await startStation(), await startStation()];
  const a = new StationPage(await browser.newPage());
  const b = new StationPage(await browser.newPage());
  let phone: PhonePage | null = null;
  try {
    await a.open(stations[0]!.url);
    await a.loginWithPin('0000');
    await b.open(stations[1]!.url);
    await b.loginWithPin('0000');
    // A is the office-and-bench PC, its cable through a plug we can pull; B a packing bench.
    await pair(a, `https://127.0.0.1:${cable.port}`, adminPairingCode(hub), hub.fingerprint, '打包台 A');
    await pair(b, hub.url, hub.codes.packer, hub.fingerprint, '打包台 B');

    // The shop: a supervisor, the catalog with 10 units of the SKU in, the day's orders.
    await a.goto('settings');
    await a.id('user-new').click();
    await a.id('user-name').fill(SUPERVISOR.name);
    await a.id('user-role').selectOption('supervisor');
    await a.id('user-pin').fill(SUPERVISOR.pin);
    await a.id('user-save').click();
    await expect(a.id(`user-row-${SUPERVISOR.name}`)).toBeVisible();
    const generated = generateTaobaoClassic({ orders: 20, seed: 5, skus: SKUS, quirks: false });
    const order = generated.orders.find(
      (o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.length === 1 && o.lines[0]!.qty === 1 && o.lines[0]!.skuCode && !o.lines[0]!.refundStatus,
    )!;
    const sku = order.lines[0]!.skuCode!;
    await a.goto('catalog');
    await a.id('catalog-import-file').setInputFiles({ name: '商品资料.csv', mimeType: 'text/csv', buffer: catalogCsv() });
    await expect(a.id('catalog-report')).toHaveAttribute('data-rejected', 'false');
    await a.id(`adjust-${sku}`).click();
    await a.id('stock-delta').fill('10');
    await a.id('stock-kind-received').click();
    await a.id('stock-note').fill('到货 10 个');
    await a.id('stock-save').click();
    await expect(a.id(`on-hand-${sku}`)).toHaveText('10');
    await a.goto('shipments');
    await a.id('tab-rules').click();
    await a.id('rule-default').selectOption('YTO');
    await a.id('rules-save').click();
    await a.goto('orders');
    await a.id('orders-import-file').setInputFiles([
      { name: generated.orderFileName, mimeType: 'text/csv', buffer: generated.orderCsv },
      { name: generated.detailFileName, mimeType: 'text/csv', buffer: generated.detailCsv },
    ]);
    await expect(a.id('import-report')).toHaveAttribute('data-rejected', 'false');

    // A leases waybill numbers from the hub's pool, then packs and ships the order.
    await expect(async () => {
      await syncNow(a);
      await a.goto('shipments');
      await a.id('tab-carriers').click();
      await expect(a.id('pool-free-YTO')).not.toHaveText(/^0\b/, { timeout: 2000 });
    }).toPass({ timeout: 30_000 });
    await a.goto('bench');
    expect(await a.scan(order.externalId)).toBe('opened');
    expect(await a.scan(barcodeOf(sku))).toBe('completed');
    await expect(a.id('sync-pending')).toHaveAttribute('data-count', '0');
    const firstParcel = (await a.id('order-shipments').innerText()).match(/YT\d+/)![0];

    // The cable is pulled. The buyer sends word the item arrived broken: A files it with two photos.
    await cable.cut();
    await a.id('damage-open').click();
    const dialog = a.id('damage-dialog');
    await expect(dialog).toBeVisible();
    // The bench offers the order it just shipped; the packer looks it up by the parcel's number instead.
    await expect(a.id('damage-order')).toContainText(order.externalId);
    await a.id('damage-order-clear').click();
    await a.id('damage-order-ref').fill(firstParcel);
    await a.id('damage-order-lookup').click();
    await expect(a.id('damage-order')).toContainText(order.externalId);
    await a.id(`damage-sku-${sku}`).click();
    await a.id('damage-source-delivered').click();
    await a.id('damage-reason-broken').click();
    await a.id('damage-note').fill('买家收到时杯子碎了');
    await expect.poll(() => a.id('photo-preview').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
    await a.id('photo-snap').click();
    await a.page.waitForTimeout(400); // the camera's test pattern moves: the second frame differs
    await a.id('photo-snap').click();
    await expect(a.id('photo-taken')).toHaveCount(2);
    await expect(a.id('photo-taken').nth(1)).toHaveAttribute('data-state', 'saved');
    await a.screenshot('desk-01-bench-a-offline-report');
    await a.id('damage-submit').click();
    await expect(dialog).toHaveCount(0);
    await expect(a.id('sync-indicator')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
    await expect(a.id('sync-pending')).not.toHaveAttribute('data-count', '0');

    // Plugged back in: the report and then its photos reach the hub.
    await cable.heal();
    await syncNow(a);
    await expect(a.id('sync-indicator')).toHaveAttribute('data-state', 'online');
    await expect(a.id('sync-pending')).toHaveAttribute('data-count', '0');

    // The supervisor's phone, at the hub: the report waits in the inbox with both photos.
    phone = await PhonePage.open(browser, hub.phoneUrl);
    await phone.login(SUPERVISOR.name, SUPERVISOR.pin);
    await expect(phone.id('desk-user')).toContainText(SUPERVISOR.name);
    const row = phone.page.locator('[data-testid="inbox-row"][data-kind="damage"]');
    await expect(row).toBeVisible({ timeout: 20_000 });
    await expect(row).toContainText(order.externalId);
    const thumbs = row.getByTestId('damage-photo');
    await expect(thumbs).toHaveCount(2);
    // The photos came from bench A through the hub: real pictures, not "not yet uploaded".
    for (const i of [0, 1]) await expect.poll(() => thumbs.nth(i).evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 }).toBe(320);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot('desk-02-phone-inbox');

    // Open it and decide: reship.
    await row.getByTestId('inbox-open').tap();
    const detail = phone.id('damage-detail');
    await expect(detail).toContainText(order.externalId);
    await expect(detail.getByTestId('damage-photo')).toHaveCount(2);
    // Who filed it at bench A (the admin station's own user, so one of the shop's), named on the phone.
    await expect(detail).toContainText(/管理员 · 打包台 A · \d{4}\/\d{2}\/\d{2}/);
    await phone.id('decide-reship').tap();
    await phone.id('decision-note').fill('补发一个新的');
    await phone.screenshot('desk-03-phone-decide-reship');
    await phone.id('decision-submit').tap();
    // Decided, it leaves the pending list (an inbox): the phone moves on and says what was recorded.
    await expect(phone.id('damage-decided-moved')).toHaveText(`已记录：${sku} ×1 补发`);

    // Bench B learns of it and packs the reship as a new parcel with a new number.
    await expect(async () => {
      await syncNow(b);
      await b.goto('bench');
      expect(await b.scan(order.externalId)).toBe('opened');
    }).toPass({ timeout: 30_000 });
    await expect(b.id('order-reship')).toContainText(firstParcel);
    // Bench A packed the order first; the reship is B's own parcel, not a second claim on it.
    await expect(b.id('bench-warnings')).toHaveCount(0);
    expect(await b.scan(barcodeOf(sku))).toBe('completed');
    await expect(b.id('order-shipped')).toHaveText('此订单已发货');
    const parcels = (await b.id('order-shipments').innerText()).match(/YT\d+/g) ?? [];
    const reshipParcel = parcels.find((p) => p !== firstParcel);
    expect(reshipParcel).toBeDefined();
    await b.screenshot('desk-04-bench-b-reship-shipped');
    await expect(b.id('sync-pending')).toHaveAttribute('data-count', '0');

    // Stock adds up at every bench: 10 in, the parcel out, the reship out.
    await syncNow(a);
    for (const ui of [a, b]) {
      await expect(async () => {
        await syncNow(ui);
        await ui.goto('catalog');
        await expect(ui.id(`on-hand-${sku}`)).toHaveText('8', { timeout: 2000 });
      }).toPass({ timeout: 30_000 });
    }

    // No bench was told of a conflict: the reship was nobody's second claim on the order.
    await b.goto('inbox');
    await expect(b.page.locator('[data-testid="inbox-row"][data-kind="sync-conflict"]')).toHaveCount(0);

    // The supervisor also claims from the carrier for the broken parcel, and downloads the evidence for it.
    await expect(async () => {
      await phone!.page.reload();
      await expect(phone!.id('desk-user')).toBeVisible({ timeout: 2000 });
      await phone!.tab('damage');
      await phone!.id('damage-filter-decided').tap();
      await phone!.page.getByTestId('damage-row').filter({ hasText: order.externalId }).tap();
      await expect(phone!.id('damage-reship')).toContainText(reshipParcel!, { timeout: 2000 });
    }).toPass({ timeout: 30_000 });
    await phone.id('decide-claim').tap();
    await expect(phone.id('decision-tracking')).toHaveValue(firstParcel);
    await phone.id('decision-amount').fill('25.5');
    await phone.id('decision-submit').tap();
    await expect(phone.id('damage-decided')).toHaveText('已记录：快递理赔');
    const [download] = await Promise.all([phone.page.waitForEvent('download'), phone.id('damage-evidence').tap()]);
    await phone.screenshot('desk-05-phone-claim');
    const pdf = readPdf(readFileSync((await download.path())!));

    // The evidence: the claim, the order's scan log, and both photos on pages of their own.
    for (const expected of [order.externalId, firstParcel, '¥25.50', '破损', '买家收到时杯子碎了', '打开订单', '核验正确', barcodeOf(sku)]) {
      expect(pdf.text, expected).toContain(expected);
    }
    const photoPages = pdf.pages.filter((p) => inked(p) > 0.2);
    expect(photoPages.length).toBeGreaterThanOrEqual(2);
  } finally {
    await phone?.close();
    await a.page.close();
    await b.page.close();
    for (const s of stations) s.process.kill('SIGTERM');
    hub.process.kill('SIGTERM');
    await cable.close();
  }
});
