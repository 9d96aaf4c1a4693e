import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { expect, test } from './fixtures';
import { StationPage } from './pages/StationPage';
import { barcodeOf, catalogCsv, classicFiles } from './pages/shop-files';

const SKUS = defaultSkus(8);
const HOUR = 3_600_000;

/**
 * The late-shipping guard and the honest write-back at a bench (1366×768): orders paid 44 hours ago
 * are due within the shop's 6 hours. The top bar counts them and opens the Orders screen's "due soon"
 * list; the bench says the open order is due; a partial ship the platform cannot take (the classic
 * export has no 子订单编号) is warned before the label and held out of the 批量发货 file, with why.
 */
test('the late-shipping guard and the partial-ship warning', async ({ page, station }) => {
  test.setTimeout(120_000);
  const ui = new StationPage(page);
  const generated = generateTaobaoClassic({ orders: 10, seed: 11, skus: SKUS, quirks: false, startMs: Date.now() - 44 * HOUR });
  const ready = generated.orders.filter((o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.every((l) => l.skuCode && !l.refundStatus));
  await ui.open(station.url);
  await ui.loginWithPin('0000');
  await ui.stockShop(catalogCsv(SKUS), classicFiles(generated));

  await ui.goto('bench');
  const badge = ui.id('guard-badge');
  await expect(badge).toHaveAttribute('data-count', String(ready.length));
  // Eleven screens (the count on 订单), the sync light, the inbox's count and the user fit the bar at 1366 px.
  const fits = () => page.locator('.nav').evaluate((el) => el.scrollWidth <= el.clientWidth);
  expect(await fits()).toBe(true);

  // The open order is due within hours: a line at the bench, the scanner keeps working.
  const order = ready.find((o) => o.lines.some((l) => l.qty >= 2) || o.lines.length >= 2)!;
  expect(await ui.scan(order.externalId)).toBe('opened');
  await expect(ui.id('bench-guard')).toBeVisible();
  const first = order.lines[0]!;
  expect(await ui.scan(barcodeOf(first.skuCode!))).toBe('verified');
  await ui.screenshot('guard-01-bench');

  // Part of the order leaves: the platform cannot take it as a split; said before the label.
  await ui.id('partial-button').click();
  await expect(ui.id('partial-warning-reason')).toContainText('这个包裹会暂不写入批量发货文件');
  await ui.screenshot('guard-02-partial-warning');
  await ui.id('partial-anyway').click();
  await expect(ui.id('bench-warnings')).toContainText('这个部分发货包裹暂不写入批量发货文件');

  // The Shipments screen: the file would hold nothing of it, and says why.
  await ui.goto('shipments');
  await expect(ui.id('export-held')).toContainText(order.externalId);
  await expect(ui.id('export-preview')).toContainText('没有需要导出的发货记录');
  await ui.screenshot('guard-03-export-held');

  // The top bar's count opens the "due soon" list; "before 16:00 pickup" is beside it.
  await badge.click();
  await expect(ui.id('guard-strip')).toContainText('小时内到发货期限');
  await expect(ui.id('orders-table')).toContainText(ready.find((o) => o !== order)!.externalId);
  await ui.screenshot('guard-04-orders-due-soon');
  await ui.id('orders-filter-pickup').click();
  await expect(ui.id('guard-strip')).toContainText('揽收');
  await ui.screenshot('guard-05-orders-before-pickup');

  // The shop's pickup time and the tracking hours, with a clear error for a wrong time.
  await ui.goto('inbox');
  await ui.id('inbox-settings').click();
  await ui.id('inbox-pickup-time').fill('25:00');
  await expect(ui.id('inbox-pickup-time-error')).toBeVisible();
  await ui.screenshot('guard-06-settings');
  await ui.id('inbox-pickup-time').fill('17:30');
  await ui.id('inbox-settings-save').click();
  await ui.goto('orders');
  await expect(ui.id('orders-filter-pickup')).toContainText('17:30');

  // In English too, the top bar fits at 1366 px.
  await ui.switchLanguage('en');
  await expect(ui.id('nav-orders')).toContainText('Orders');
  expect(await fits()).toBe(true);
  await ui.screenshot('guard-07-english');
});
