import iconv from 'iconv-lite';
import { defaultSkus, generateTaobaoClassic } from '../fixtures/taobao-export.generator';
import { expect, test } from './fixtures';
import { StationPage } from './pages/StationPage';
import { barcodeOf, catalogCsv, classicFiles } from './pages/shop-files';

const SKUS = defaultSkus(8);

/**
 * Tracking at a bench with no internet (1366×768): the supervisor imports the couriers' trace as a
 * GBK file; a file with a bad row is refused naming its row and column; the good one marks one
 * parcel delivered (its order too) and one a 问题件, which the inbox lists; the parcel's timeline
 * shows its events newest first.
 */
test('tracking from a file: states on the shipments, the timeline, delivered orders, the inbox', async ({ page, station }) => {
  test.setTimeout(120_000);
  const ui = new StationPage(page);
  const generated = generateTaobaoClassic({ orders: 8, seed: 5, skus: SKUS, quirks: false });
  const ready = generated.orders.filter((o) => o.platformStatus === 'WAIT_SELLER_SEND_GOODS' && o.lines.every((l) => l.skuCode && !l.refundStatus));
  await ui.open(station.url);
  await ui.loginWithPin('0000');
  await ui.stockShop(catalogCsv(SKUS), classicFiles(generated));
  await ui.goto('bench');
  for (const order of ready.slice(0, 3)) {
    expect(await ui.scan(order.externalId)).toBe('opened');
    let outcome: string | null = null;
    for (const line of order.lines) for (let i = 0; i < line.qty; i++) outcome = await ui.scan(barcodeOf(line.skuCode!));
    expect(outcome).toBe('completed');
  }

  await ui.goto('shipments');
  const rows = page.locator('[data-testid^="shipment-row-"]');
  await expect(rows).toHaveCount(3);
  const numbers = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('shipment-row-'.length)))).sort();
  const [signed, problem] = numbers as [string, string];
  const file = (lines: string[]) => ({ name: '物流轨迹.csv', mimeType: 'text/csv', buffer: iconv.encode(['运单号,快递公司,时间,状态,轨迹,城市', ...lines].join('\r\n'), 'gbk') });

  await ui.id('tracking-import-open').click();
  await ui.id('tracking-import-file').setInputFiles(file([`${signed},圆通速递,2026-11-27 09:00:00,已揽收,快件已揽收,杭州市`, `${problem},圆通速递,2026-11-27 25:00,运输中,x,`]));
  await expect(ui.id('tracking-import-report')).toHaveAttribute('data-rejected', 'true');
  await expect(ui.id('tracking-import-report')).toContainText('时间');
  await ui.screenshot('tracking-01-import-refused');
  await ui.id('tracking-import-file').setInputFiles(file([
    `${signed},圆通速递,2026-11-27 09:00:00,已揽收,【杭州市】快件已揽收,杭州市`,
    `${signed},圆通速递,2026-11-27 21:10:00,运输中,【杭州市】已发往上海转运中心,杭州市`,
    `${signed},圆通速递,2026-11-28 15:32:00,已签收,【上海市】已签收，签收人：本人,上海市`,
    `${problem},圆通速递,2026-11-27 10:00:00,已揽收,【杭州市】快件已揽收,杭州市`,
    `${problem},圆通速递,2026-11-28 08:00:00,问题件,【上海市】地址不详，联系不上收件人,上海市`,
  ]));
  await expect(ui.id('tracking-import-report')).toHaveAttribute('data-rejected', 'false');
  await ui.screenshot('tracking-02-import-done');
  await page.keyboard.press('Escape');

  await expect(ui.id(`tracking-${signed}`)).toContainText('已签收');
  await expect(ui.id(`tracking-${problem}`)).toContainText('问题件');
  await ui.screenshot('tracking-03-shipments');
  await ui.id(`tracking-${signed}`).click();
  const events = ui.id('tracking-events').locator('li');
  await expect(events).toHaveCount(3);
  await expect(events.first()).toContainText('签收人：本人');
  await ui.screenshot('tracking-04-timeline');
  await page.keyboard.press('Escape');

  await ui.goto('orders');
  await ui.id('orders-filter-delivered').click();
  await expect(page.locator('[data-testid^="order-row-"]')).toHaveCount(1);
  await expect(page.getByTestId('order-state')).toHaveText('已签收');
  await ui.screenshot('tracking-05-orders-delivered');

  await ui.goto('inbox');
  const row = page.locator('[data-testid="inbox-row"][data-kind="tracking-problem"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('地址不详');
  await ui.screenshot('tracking-06-inbox');

  // The tracking thresholds are the shop's inbox settings.
  await ui.id('inbox-settings').click();
  await ui.id('inbox-no-pickup-hours').fill('12');
  await ui.screenshot('tracking-07-thresholds');
  await ui.id('inbox-settings-save').click();
  await expect(ui.id('inbox-settings-dialog')).toHaveCount(0);
});
