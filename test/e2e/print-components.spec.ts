import { startFakeCainiaoComponent } from '../fakes/cainiao-component.fake';
import type { FakePrintComponent } from '../fakes/print-component.fake';
import { expect, test } from './fixtures';
import { StationPage } from './pages/StationPage';

/**
 * The built station sets up the platform print components from the Devices screen: a 菜鸟 fake on
 * the component's own port (13528) lists its printers; 拼多多 over wss (18653), where nothing
 * listens, shows the "not running" prompt with where to get the component.
 */
let cainiao: FakePrintComponent;
test.beforeEach(async () => {
  cainiao = await startFakeCainiaoComponent({ port: 13528 });
});
test.afterEach(async () => {
  await cainiao.close();
});

test('the Devices screen offers the 菜鸟 component’s printers and says when 拼多多’s is not running', async ({ page, station }) => {
  const ui = new StationPage(page);
  await ui.open(station.url);
  await ui.loginWithPin('0000');
  await ui.goto('devices');
  const form = ui.id('print-components-form');
  await form.scrollIntoViewIfNeeded();
  await ui.id('component-cainiao-enabled').check();
  await ui.id('component-cainiao-read').click();
  await expect(ui.id('component-cainiao-printer').locator('option')).toHaveText(['组件默认打印机', 'Deli DL-888T · 默认', 'Xprinter XP-420B']);
  await ui.id('component-cainiao-printer').selectOption('Xprinter XP-420B');
  await ui.id('component-pdd-enabled').check();
  await ui.id('component-pdd-secure').check();
  await ui.id('component-pdd-read').click();
  await expect(ui.id('component-pdd-error')).toContainText('拼多多打印组件没有运行（wss://127.0.0.1:18653 无人应答）');
  await ui.id('components-save').click();
  await expect(form.getByText('已保存')).toBeVisible();
  await form.scrollIntoViewIfNeeded();
  await ui.screenshot('print-components-01-devices');
  expect(cainiao.received.map((f) => (f as { cmd: string }).cmd)).toEqual(['getPrinters']);
});
