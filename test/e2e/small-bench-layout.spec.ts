import { expect, test } from './fixtures';
import { StationPage } from './pages/StationPage';

/**
 * A small laptop bench (1024×768, 1280×720), in Chinese and in English: the whole top bar stays on
 * the screen (at 1024 px the user badge was squeezed until 王主管 broke onto three lines and, in
 * English, 锁定/换人 (Lock/Switch) were pushed past the right edge), and so do the bench's status
 * title, its lines beside the label preview and the Shipments table's buttons.
 */
test('a small bench keeps the top bar, the bench and Shipments on screen in both languages', async ({ page, station }) => {
  test.setTimeout(90_000);
  const ui = new StationPage(page);
  await ui.open(station.url);
  await ui.loginWithPin('0000');
  // The shop wants more waybill numbers in hand than the sample roll holds: a row in the inbox, so
  // its count is on the bar too.
  await ui.goto('orders');
  await ui.id('load-samples').click();
  await expect(ui.id('load-samples')).toHaveCount(0);
  await ui.goto('inbox');
  await ui.id('inbox-settings').click();
  await ui.id('inbox-pool-low').fill('1000');
  await ui.id('inbox-settings-save').click();
  await expect(ui.id('inbox-badge')).toBeVisible();
  await ui.goto('settings');
  await ui.id('user-new').click();
  await ui.id('user-name').fill('欧阳主管');
  await ui.id('user-role').selectOption('supervisor');
  await ui.id('user-pin').fill('4321');
  await ui.id('user-save').click();
  await expect(ui.id('user-row-欧阳主管')).toBeVisible();
  await ui.id('logout-button').click();
  await ui.loginWithPin('4321');

  for (const lang of ['zh-CN', 'en'] as const) {
    await ui.switchLanguage(lang);
    for (const size of [{ width: 1024, height: 768 }, { width: 1280, height: 720 }]) {
      await page.setViewportSize(size);
      const bar = await page.locator('.topbar').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, height: el.getBoundingClientRect().height }));
      expect(bar.scroll, `${lang} ${size.width}`).toBeLessThanOrEqual(bar.client);
      // One line for the name: a squeezed badge grew taller than the bar.
      const name = await page.locator('.packer-name').boundingBox();
      expect(name!.height, `${lang} ${size.width}`).toBeLessThan(28);
      for (const testId of ['lock-button', 'logout-button', 'inbox-badge', 'sync-open']) {
        const box = await ui.id(testId).boundingBox();
        expect(box!.x + box!.width, `${testId} ${lang} ${size.width}`).toBeLessThanOrEqual(size.width);
        expect(box!.width, `${testId} ${lang} ${size.width}`).toBeGreaterThan(20);
      }
      await ui.screenshot(`topbar-${lang}-${size.width}`);
    }
  }

  // A packed order at 1024 px, in English: the status title stays inside its panel (it wrapped and
  // lost its first line), and the lines beside the label preview keep their SKU, shelf and ✓ in view.
  await page.setViewportSize({ width: 1024, height: 768 });
  expect(await ui.scan('2000000460471681041')).toBe('opened');
  for (const code of ['2000000000077', '2000000000367', '2000000000350']) expect(await ui.scan(code)).toBe('verified');
  expect(await ui.scan('2000000000374')).toBe('completed');
  await expect(ui.id('label-preview')).toBeVisible();
  const panel = (await ui.id('scan-status').boundingBox())!;
  const title = (await ui.id('scan-title').boundingBox())!;
  expect(title.y).toBeGreaterThanOrEqual(panel.y);
  expect(title.y + title.height).toBeLessThanOrEqual(panel.y + panel.height);
  const lines = await page.locator('.lines-scroll').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(lines.scroll).toBeLessThanOrEqual(lines.client + 8);
  await ui.screenshot('small-bench-packed-en-1024');

  // Shipments at 1024 px: 重打 / 作废 (Reprint / Void) were past the table's right edge.
  await ui.goto('shipments');
  const voidButton = page.locator('[data-testid^="void-"]').first();
  await expect(voidButton).toBeVisible();
  const wrap = await page.locator('.shipments .table-wrap').first().evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(wrap.scroll).toBeLessThanOrEqual(wrap.client);
  const box = (await voidButton.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1024);
  await ui.screenshot('small-bench-shipments-en-1024');

  // The void reason is a sentence: its box takes the dialog's row (it was ~190 px, cutting the words after a chip).
  await voidButton.click();
  const reason = (await ui.id('void-reason').boundingBox())!;
  const dialog = (await ui.id('void-dialog').boundingBox())!;
  expect(reason.width).toBeGreaterThan(dialog.width * 0.5);
  await page.keyboard.press('Escape');
});
