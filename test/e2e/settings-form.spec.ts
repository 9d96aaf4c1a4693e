import { expect, test } from './fixtures';
import { StationPage } from './pages/StationPage';

/**
 * 设置 at 1366×768: the 保存 bar sticks to the bottom of the screen, over the form. A field reached
 * with Tab, or a field's problem, is never left underneath it (both used to land under the bar).
 */
test('Settings: every field reached by Tab, and a field’s problem, stays above the sticky 保存 bar', async ({ page, station }) => {
  const ui = new StationPage(page);
  await ui.open(station.url);
  await ui.loginWithPin('0000');
  await ui.goto('settings');
  const bar = ui.id('settings-actions');
  await expect(bar).toBeVisible();
  const barTop = async () => (await bar.boundingBox())!.y;

  // From the first field of the form to 保存, one Tab at a time, as an owner goes through it.
  await ui.id('set-shipPromiseHours').focus();
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.id ?? '');
    if (id === '') break;
    seen.push(id);
    // The focused box lies wholly above the bar (and on screen).
    const box = (await page.locator(':focus').boundingBox())!;
    expect(box.y, `${id} is on screen`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `${id} is above the 保存 bar`).toBeLessThanOrEqual(await barTop());
    if (await page.locator('.number-field > :focus').count()) {
      // A wrong value's problem, written under the box, is read above the bar too; then the good value again.
      const before = await page.locator(':focus').inputValue();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('x');
      const problem = ui.id(`${id}-problem`);
      await expect(problem).toBeVisible();
      const line = (await problem.boundingBox())!;
      expect(line.y + line.height, `${id}'s problem is above the 保存 bar`).toBeLessThanOrEqual(await barTop());
      if (line.y + line.height > (await barTop()) - 40) await ui.screenshot('settings-01-problem-above-save');
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(before);
      await expect(problem).toHaveCount(0);
    }
    if (id === 'set-speak') await ui.screenshot('settings-02-last-field-above-save');
  }
  // The walk went through the form's last field (the bench aids card) on to 保存.
  expect(seen).toContain('set-speak');
  await expect(ui.id('settings-save')).toBeFocused();
});
