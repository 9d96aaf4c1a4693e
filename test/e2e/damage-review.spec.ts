import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import iconv from 'iconv-lite';
import type { Contract, Events } from '#shared/contract/index';
import { createRpcClient } from '#shared/rpc/client';
import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { clientTransport } from '../helpers/ws-client';
import { expect, test } from './fixtures';
import { StationPage } from './pages/StationPage';
import { barcodeOf, classicFiles } from './pages/shop-files';

const SKUS = defaultSkus(6);

/** A photo as a bench camera would take it: a broken mug on a table (drawn, so the test needs no files). */
function brokenMugPhoto(): Buffer {
  const canvas = createCanvas(960, 640);
  const g = canvas.getContext('2d');
  g.fillStyle = '#c9b79c';
  g.fillRect(0, 0, 960, 640);
  g.fillStyle = '#f4f1ea';
  g.fillRect(300, 170, 260, 300);
  g.strokeStyle = '#f4f1ea';
  g.lineWidth = 34;
  g.beginPath();
  g.arc(590, 320, 70, -Math.PI / 2, Math.PI / 2);
  g.stroke();
  g.strokeStyle = '#3a2a1a';
  g.lineWidth = 8;
  g.beginPath();
  g.moveTo(360, 170);
  g.lineTo(420, 280);
  g.lineTo(380, 360);
  g.lineTo(450, 470);
  g.stroke();
  return canvas.toBuffer('image/png');
}

test('a supervisor decides reship on the damage review screen; a bench packs it as a new parcel; phone and desk layouts', async ({ page, station }) => {
  const ui = new StationPage(page);
  const dir = mkdtempSync(join(tmpdir(), 'packdesk-e2e-damage-'));
  const photo = brokenMugPhoto();
  const photoFile = join(dir, 'mug.png');
  writeFileSync(photoFile, photo);
  const sha = createHash('sha256').update(photo).digest('hex');
  // Every SKU's picture is the photo: the catalog import stores it, as a bench's camera would store a damage photo.
  const rows = SKUS.map((code, i) => `${code},示例商品 ${code},${barcodeOf(code)},,,${100 + i * 10},A-${String(i + 1).padStart(2, '0')},${photoFile}`);
  const catalog = iconv.encode(['商家编码,名称,条码,箱规条码,箱规数量,重量(g),库位,图片', ...rows].join('\r\n'), 'gbk');
  const generated = generateTaobaoClassic({ orders: 20, seed: 5, skus: SKUS, quirks: false });
  const order = generated.orders.find((o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.length === 1 && o.lines[0]!.qty === 1 && o.lines[0]!.skuCode && !o.lines[0]!.refundStatus)!;
  const sku = order.lines[0]!.skuCode!;

  await ui.open(station.url);
  await ui.loginWithPin('0000');
  await ui.stockShop(catalog, classicFiles(generated));

  // The order ships at the bench.
  await ui.goto('bench');
  expect(await ui.scan(order.externalId)).toBe('opened');
  expect(await ui.scan(barcodeOf(sku))).toBe('completed');

  // The buyer reports it arrived broken; a bench files the report with the photo (the filing screen is the capture work's).
  const token = new URL(station.url).hash.replace(/^#token=/, '');
  const api = createRpcClient<Contract, Events>(await clientTransport(`ws://${new URL(station.url).host}/rpc?token=${token}`));
  const first = (await api.call('shipments.list', { query: order.externalId, state: 'active', limit: 10, offset: 0 })).shipments[0]!;
  const report = await api.call('damage.report', { orderRef: first.trackingNo, skuCode: sku, qty: 1, reason: 'broken', source: 'delivered', note: '买家收到时杯子碎了，把手断裂', photoHashes: [sha] });

  // The supervisor's review: the report, its photo large, and the decision.
  await ui.id('nav-damage').click();
  const row = page.locator(`[data-testid="damage-row"][data-report-id="${report.id}"]`);
  await expect(row).toContainText('破损');
  await expect(row).toContainText('1 张照片');
  await row.click();
  const detail = ui.id('damage-detail');
  const img = detail.getByTestId('damage-photo');
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(320);
  // A tap shows it full size, over the report.
  await img.click();
  const full = ui.id('photo-full');
  await expect.poll(() => full.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(960);
  expect((await full.boundingBox())!.width).toBeGreaterThan(600);
  await ui.screenshot('damage-01b-photo-full-1366');
  await page.keyboard.press('Escape');
  await ui.screenshot('damage-01-report-desk-1366');
  await ui.id('decide-reship').click();
  await expect(ui.id('decision-stock')).toHaveText('库存不变：货已送到买家手里，不在库里');
  await ui.id('decision-note').fill('补发一个新杯子');
  await ui.screenshot('damage-02-decide-desk-1366');
  await ui.id('decision-submit').click();
  // Decided, it leaves 待处理 like an inbox: nothing else waits, so the pane closes, saying what was recorded.
  await expect(ui.id('damage-decided-moved')).toHaveText(`已记录：${sku} ×1 补发`);
  await expect(ui.id('damage-detail')).toHaveCount(0);
  await ui.id('damage-filter-decided').click();
  await page.locator(`[data-testid="damage-row"][data-report-id="${report.id}"]`).click();
  await expect(ui.id('damage-reship')).toContainText('等待打包');

  // The bench: the shipped order opens for the reship, verified by scan, and ships a new parcel.
  await ui.goto('bench');
  expect(await ui.scan(order.externalId)).toBe('opened');
  await expect(ui.id('order-reship')).toContainText(first.trackingNo);
  await ui.screenshot('damage-03-bench-reship-1366');
  expect(await ui.scan(barcodeOf(sku))).toBe('completed');
  const parcels = (await api.call('shipments.list', { query: order.externalId, state: 'active', limit: 10, offset: 0 })).shipments;
  expect(parcels).toHaveLength(2);
  const second = parcels.find((p) => p.id !== first.id)!;
  expect(second.trackingNo).not.toBe(first.trackingNo);
  expect(second.reship).toEqual({ reportId: report.id, reason: 'broken', ofTrackingNo: first.trackingNo });
  expect(await ui.scan(order.externalId)).toBe('blocked');

  // Back at the review: the reship shipped, with its number.
  await ui.id('nav-damage').click();
  await ui.id('damage-filter-decided').click();
  await page.locator(`[data-testid="damage-row"][data-report-id="${report.id}"]`).click();
  await expect(ui.id('damage-reship')).toContainText(`已发出，运单号 ${second.trackingNo}`);
  const [download] = await Promise.all([page.waitForEvent('download'), ui.id('damage-evidence').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^破损证据-${order.externalId}-\\d{8}-\\d{4}\\.pdf$`));

  // A phone: one column, the report in place of the list, every choice a thumb's size.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(ui.id('damage-back')).toBeVisible();
  await expect(page.locator('.damage-list-pane')).toBeHidden();
  const screenWidth = await page.locator('.damage').evaluate((el) => el.scrollWidth);
  expect(screenWidth).toBeLessThanOrEqual(390);
  for (const d of ['write-off', 'restock', 'reship', 'claim', 'refund', 'reject']) {
    const box = (await ui.id(`decide-${d}`).boundingBox())!;
    expect(box.height, d).toBeGreaterThanOrEqual(44);
    expect(box.width, d).toBeGreaterThanOrEqual(44);
  }
  await ui.screenshot('damage-04-report-phone-390');
  // The supervisor also claims from the carrier for the broken parcel, on the phone: the parcel is filled in.
  await ui.id('decide-claim').click();
  await expect(ui.id('decision-tracking')).toHaveValue(first.trackingNo);
  await ui.id('decision-amount').fill('25.5');
  await ui.id('decision-submit').click();
  await expect(ui.id('damage-decided')).toHaveText('已记录：快递理赔');
  await ui.id('damage-back').click();
  await expect(page.locator('.damage-list-pane')).toBeVisible();
  await ui.screenshot('damage-05-list-phone-390');
  await ui.id('damage-tab-claims').click();
  await expect(ui.id('claim-row')).toContainText('索赔 ¥25.50');
  await expect(ui.id('claim-row')).toContainText(first.trackingNo);
  await ui.screenshot('damage-06-claims-phone-390');
});
