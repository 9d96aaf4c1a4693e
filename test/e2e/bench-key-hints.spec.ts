import { expect, test } from './fixtures';
import { StationPage } from './pages/StationPage';

/**
 * The bench at 1366×768 with an order open: every key printed on a control (F4 on 快递, F2, F3, F9)
 * sits inside the ship card; the F4 beside a long carrier choice stuck out over the card's edge.
 */
test('the key hints on the ship controls stay inside their card at 1366×768', async ({ page, station }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const ui = new StationPage(page);
  await ui.open(station.url);
  await ui.loginWithPin('0000');
  await ui.goto('orders');
  await ui.id('load-samples').click();
  await expect(ui.id('order-row-2000000460471681041')).toBeVisible();
  await ui.goto('bench');
  expect(await ui.scan('2000000460471681041')).toBe('opened');
  const card = (await ui.id('ship-controls').boundingBox())!;
  const hints = ui.id('ship-controls').locator('.key-hint');
  await expect(hints).toHaveCount(4);
  for (const hint of await hints.all()) {
    const box = (await hint.boundingBox())!;
    expect(box.x + box.width, (await hint.textContent()) ?? '').toBeLessThanOrEqual(card.x + card.width - 4);
  }
  await ui.screenshot('bench-key-hints-1366');
});
