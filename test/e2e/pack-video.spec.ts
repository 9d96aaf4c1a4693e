import { closeSync, mkdtempSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PNG } from 'pngjs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { baseLine, baseOrder, classicFiles } from '../fixtures/classic-rows';
import { expect, fakeCamera, test } from './fixtures';
import { StationPage } from './pages/StationPage';
import { barcodeOf } from './pages/shop-files';

/**
 * 验货录像 with Chromium's fake camera (a moving test pattern): the bench records an order from
 * open to ship, the clip reaches the host as WebM, is linked to the order and its scans, and plays
 * from the orders list and the shipment history.
 */
test.use(fakeCamera('--autoplay-policy=no-user-gesture-required'));

const ORDER = '4012345678900000201';
const SKUS = ['SKU-0001', 'SKU-0002'];

/** A product picture on this computer (a red square), named by the catalog's 图片 column for the first SKU. */
function pictureFile(): string {
  const png = new PNG({ width: 64, height: 64 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([220, 40, 40, 255], i);
  const path = join(mkdtempSync(join(tmpdir(), 'packdesk-pic-')), 'sku-0001.png');
  writeFileSync(path, PNG.sync.write(png));
  return path;
}

function catalogCsv(): Buffer {
  const picture = pictureFile();
  const rows = SKUS.map((code, i) => `${code},示例商品 ${code},${barcodeOf(code)},,,${100 + i * 10},A-0${i + 1},${i === 0 ? picture : ''}`);
  return iconv.encode(['商家编码,名称,条码,箱规条码,箱规数量,重量(g),库位,图片', ...rows].join('\r\n'), 'gbk');
}

function orderFiles() {
  const files = classicFiles(
    [baseOrder({ 订单编号: `="${ORDER}"`, 宝贝总数量: '2' })],
    SKUS.map((sku) => baseLine({ 订单编号: `="${ORDER}"`, 标题: `示例商品 ${sku}`, 商家编码: sku, 购买数量: '1' })),
  );
  return [
    { name: files.orderFile.name, mimeType: 'text/csv', buffer: files.orderFile.bytes },
    { name: files.detailFile.name, mimeType: 'text/csv', buffer: files.detailFile.bytes },
  ];
}

/** The first bytes of a file on disk. */
function head(file: string, n: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(n);
    readSync(fd, buffer, 0, n, 0);
    return buffer;
  } finally {
    closeSync(fd);
  }
}

test('a packed order has a pack video: WebM, linked to the order and its scans, playable from the orders list', async ({ page, station }) => {
  const ui = new StationPage(page);
  await ui.open(station.url);
  await ui.loginWithPin('0000');
  await ui.stockShop(catalogCsv(), orderFiles());

  // Pack video is per bench and off until switched on.
  await ui.goto('settings');
  await ui.id('set-packVideo').check();
  await ui.id('settings-save').click();
  await expect(page.getByText('已保存')).toBeVisible();
  await ui.goto('bench');

  expect(await ui.scan(ORDER)).toBe('opened');
  await expect(ui.id('pack-video')).toHaveAttribute('data-recording', ORDER);
  // The picture from the catalog's 图片 column is on its line, loaded from the host.
  const thumb = ui.id('sku-thumb-SKU-0001');
  await expect(thumb).toBeVisible();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
  await expect(ui.id('sku-thumb-SKU-0002')).toHaveCount(0);
  // The camera really runs for a while: a clip of a packer's hands, not of one frame.
  await page.waitForTimeout(1500);
  expect(await ui.scan(barcodeOf('SKU-0001'))).toBe('verified');
  await page.waitForTimeout(1500);
  await ui.screenshot('video-01-bench-recording-zh');
  expect(await ui.scan(barcodeOf('SKU-0002'))).toBe('completed');
  // Shipped: the take stops and the clip goes to the host after the order.
  await expect(ui.id('pack-video')).toHaveAttribute('data-recording', '');
  await expect(ui.id('pack-video')).toHaveAttribute('data-uploaded', '1', { timeout: 20_000 });

  await ui.goto('orders');
  await ui.id(`clips-${ORDER}`).click();
  const clip = ui.id('clip');
  await expect(clip).toHaveCount(1);
  const sha256 = (await clip.getAttribute('data-sha256'))!;
  expect(Number(await clip.getAttribute('data-duration-ms'))).toBeGreaterThan(2500);
  // The open (just before the camera started: at 0:00) and both item scans.
  expect(Number(await clip.getAttribute('data-scans'))).toBe(3);

  // Content-addressed in the data folder, readable by the station's user only, a real WebM.
  const file = join(station.dataDir, 'attachments', sha256);
  const stat = statSync(file);
  expect(stat.mode & 0o777).toBe(0o600);
  expect(stat.size).toBeGreaterThan(10_000);
  expect(head(file, 4).toString('hex')).toBe('1a45dfa3');
  expect(head(file, 64).includes(Buffer.from('webm'))).toBe(true);

  // MediaRecorder writes no length into the WebM: the bench writes the Duration (0x4489) into its
  // Info before storing it, so the clip has a total (the recorder's own length), a bar to scale and
  // can be sought, here and in any player it is copied to.
  expect(head(file, 512).includes(Buffer.from([0x44, 0x89]))).toBe(true);
  const video = ui.id('clip-video');
  await expect(video).toHaveAttribute('data-duration-known', 'true', { timeout: 15_000 });
  const seconds = await video.evaluate((v: HTMLVideoElement) => v.duration);
  expect(Number.isFinite(seconds)).toBe(true);
  expect(Math.abs(seconds * 1000 - Number(await clip.getAttribute('data-duration-ms')))).toBeLessThan(1500);
  expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBe(0);
  // The scans in it are listed with their time; a click puts the video at that scan.
  const marks = ui.id('clip-mark');
  expect(await marks.count()).toBeGreaterThanOrEqual(2);
  await expect(marks.first()).toHaveText(new RegExp(`^0:00 打开订单 ${ORDER}$`));
  await expect(marks.filter({ hasText: 'SKU-0001' })).toHaveText(/^0:0\d 核验正确 SKU-0001$/);
  // The first item's scan, well inside the clip (the last one may fall on its very end, where a seek stops short).
  const item = marks.filter({ hasText: 'SKU-0001' });
  const offsetMs = Number(await item.getAttribute('data-offset-ms'));
  expect(offsetMs).toBeGreaterThan(0);
  await item.click();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(offsetMs / 1000, 1);
  await video.evaluate((v: HTMLVideoElement) => (v.currentTime = 0));

  // It plays from the order page: the player seeks by byte ranges and time moves on.
  await video.evaluate((v: HTMLVideoElement) => v.play());
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.5);
  expect(await video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight])).toEqual([640, 360]);
  await video.evaluate((v: HTMLVideoElement) => v.pause());
  await ui.screenshot('video-02-order-clip-zh');
  // A close button, not only Esc.
  await ui.id('clips-close').click();
  await expect(ui.id('clips-dialog')).toHaveCount(0);

  // And from the shipment history.
  await ui.goto('shipments');
  await ui.id(`clips-${ORDER}`).first().click();
  await expect(ui.id('clip')).toHaveAttribute('data-sha256', sha256);
  await page.keyboard.press('Escape');

  // The same in English.
  await ui.switchLanguage('en');
  await ui.goto('orders');
  await ui.id(`clips-${ORDER}`).click();
  await expect(ui.id('clips-dialog')).toContainText(`Pack video of order ${ORDER}`);
  await expect(ui.id('clip')).toContainText('3 scans');
  await ui.screenshot('video-03-order-clip-en');
  await page.keyboard.press('Escape');

  // A page of another origin cannot send a clip; a request without the bench's token neither.
  const refused = await page.evaluate(async () => (await fetch(`/attachments/clips?order=x`, { method: 'POST', body: 'x' })).status);
  expect(refused).toBe(401);
});
